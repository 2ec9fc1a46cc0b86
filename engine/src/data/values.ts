import { isCalendarDate } from '../metadata/calendar-date.ts';

/**
 * Canonical API shapes of the values that have more than one spelling: dates are
 * `YYYY-MM-DD`, datetimes are UTC ISO strings with milliseconds, decimals are strings with
 * exactly `scale` digits after the point, uuids are lower case.
 */

/** A time needs an explicit zone: a zone-less time would silently mean the server's zone. */
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?))?$/i;
const PG_TIMESTAMPTZ =
  /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?([+-])(\d{2})(?::(\d{2}))?(?::(\d{2}))?$/;
/** Exactly what `Date.prototype.toISOString` produces for years 0000–9999. */
const CANONICAL_DATETIME = /^\d{4}-\d{2}-\d{2}T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d\.\d{3}Z$/;
const DECIMAL = /^([+-]?)(\d+)(?:\.(\d+))?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `YYYY-MM-DD` for a valid calendar date or a Date (taken in UTC); undefined otherwise. */
export function canonicalDate(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString().slice(0, 10);
  return typeof value === 'string' && isCalendarDate(value) ? value : undefined;
}

/** A UTC ISO string for an ISO 8601 string with a zone (or a bare date) or a Date; undefined otherwise. */
export function canonicalDateTime(value: unknown): string | undefined {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? undefined : value.toISOString();
  // The hot path: MikroORM re-converts every value it just read, and those are canonical already.
  if (typeof value === 'string' && CANONICAL_DATETIME.test(value)) {
    return isCalendarDate(value.slice(0, 10)) ? value : undefined;
  }
  if (typeof value !== 'string' || !ISO_DATETIME.test(value) || !isCalendarDate(value.slice(0, 10))) return undefined;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}

/**
 * Reads PostgreSQL's text form of a timestamptz (`2024-01-01 09:00:00.123+09`, in whatever
 * zone the session uses, including historical offsets with seconds) as a UTC ISO string.
 */
export function timestamptzToIso(text: string): string {
  const match = PG_TIMESTAMPTZ.exec(text);
  if (!match) {
    const date = new Date(text);
    if (Number.isNaN(date.getTime())) throw new Error(`Unreadable timestamptz ${JSON.stringify(text)}`);
    return date.toISOString();
  }
  const [, y, mo, d, h, mi, s, fraction = '', sign, oh, om = '0', os = '0'] = match;
  const date = new Date(Date.UTC(2000, Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s)));
  date.setUTCFullYear(Number(y));
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  const offsetSeconds = (Number(oh) * 3600 + Number(om) * 60 + Number(os)) * (sign === '-' ? -1 : 1);
  return new Date(date.getTime() + millis - offsetSeconds * 1000).toISOString();
}

/**
 * A decimal as a plain string; with `scale`, rounded half away from zero to exactly that many
 * digits, as PostgreSQL's numeric(p, s) stores it. Undefined for anything that is not a
 * finite decimal number (exponent notation included, which loses digits silently).
 */
export function canonicalDecimal(value: unknown, scale?: number): string | undefined {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || Math.abs(value) >= 1e21) return undefined;
    text = value.toFixed(Math.min(scale ?? 20, 100));
  } else if (typeof value === 'string') {
    text = value.trim();
  } else {
    return undefined;
  }
  const match = DECIMAL.exec(text);
  if (!match) return undefined;
  const [, sign, whole, fraction = ''] = match;
  if (scale === undefined) return normalizeDecimalParts(sign, whole, fraction.replace(/0+$/, ''));
  if (fraction.length <= scale) return normalizeDecimalParts(sign, whole, fraction.padEnd(scale, '0'));
  const digits = BigInt(whole + fraction.slice(0, scale));
  const roundUp = Number(fraction[scale]) >= 5;
  const rounded = (roundUp ? digits + 1n : digits).toString().padStart(scale + 1, '0');
  return normalizeDecimalParts(sign, rounded.slice(0, rounded.length - scale), rounded.slice(rounded.length - scale));
}

function normalizeDecimalParts(sign: string, whole: string, fraction: string): string {
  const integer = whole.replace(/^0+(?=\d)/, '');
  const isZero = /^0*$/.test(integer + fraction);
  const text = fraction ? `${integer}.${fraction}` : integer;
  return sign === '-' && !isZero ? `-${text}` : text;
}

export function canonicalUuid(value: unknown): string | undefined {
  return typeof value === 'string' && UUID.test(value) ? value.toLowerCase() : undefined;
}
