import { format } from '@cfworker/json-schema';

/**
 * The engine validates `format` with ajv-formats in its "full" mode. @cfworker/json-schema's
 * own definitions differ on a few inputs (it accepts `a@localhost` and quoted local parts,
 * refuses `urn:uuid:` and `+0900` offsets), so the formats the record schemas use are set to
 * ajv-formats' definitions (MIT, github.com/ajv-validator/ajv-formats, `src/formats.ts`): the
 * browser then refuses exactly what the server refuses. `date` is the same in both.
 */
const EMAIL =
  /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i;
const UUID = /^(?:urn:uuid:)?[0-9a-f]{8}-(?:[0-9a-f]{4}-){3}[0-9a-f]{12}$/i;
const DATE = /^(\d\d\d\d)-(\d\d)-(\d\d)$/;
const DAYS = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const TIME = /^(\d\d):(\d\d):(\d\d(?:\.\d+)?)(z|([+-])(\d\d)(?::?(\d\d))?)?$/i;
const DATE_TIME_SEPARATOR = /t|\s/i;

function isLeapYear(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function date(text: string): boolean {
  const matches = DATE.exec(text);
  if (!matches) return false;
  const year = Number(matches[1]);
  const month = Number(matches[2]);
  const day = Number(matches[3]);
  return month >= 1 && month <= 12 && day >= 1 && day <= (month === 2 && isLeapYear(year) ? 29 : DAYS[month]);
}

/** A time with a zone (`strictTimeZone` in ajv-formats), a leap second only at 23:59:60 UTC. */
function time(text: string): boolean {
  const matches = TIME.exec(text);
  if (!matches) return false;
  const hour = Number(matches[1]);
  const minute = Number(matches[2]);
  const second = Number(matches[3]);
  const zone = matches[4];
  const zoneSign = matches[5] === '-' ? -1 : 1;
  const zoneHour = Number(matches[6] || 0);
  const zoneMinute = Number(matches[7] || 0);
  if (zoneHour > 23 || zoneMinute > 59 || !zone) return false;
  if (hour <= 23 && minute <= 59 && second < 60) return true;
  const utcMinute = minute - zoneMinute * zoneSign;
  const utcHour = hour - zoneHour * zoneSign - (utcMinute < 0 ? 1 : 0);
  return (utcHour === 23 || utcHour === -1) && (utcMinute === 59 || utcMinute === -1) && second < 61;
}

function dateTime(text: string): boolean {
  const parts = text.split(DATE_TIME_SEPARATOR);
  return parts.length === 2 && date(parts[0]) && time(parts[1]);
}

const SERVER_FORMATS: Record<string, (text: string) => boolean> = {
  email: (text) => EMAIL.test(text),
  uuid: (text) => UUID.test(text),
  date,
  time,
  'date-time': dateTime,
};

/** Puts the server's definitions into the validator's format table (idempotent). */
export function useServerFormats(): void {
  Object.assign(format, SERVER_FORMATS);
}

/** Whether the validator checks `name`; ajv in strict mode refuses a schema with any other. */
export function isKnownFormat(name: string): boolean {
  return Object.hasOwn(format, name);
}

/**
 * How ajv-formats orders two values of a format, for `formatMinimum` and its kin; `undefined`
 * when either cannot be ordered (the `format` keyword reports a malformed value itself).
 */
export const FORMAT_COMPARISONS: Record<string, (a: string, b: string) => number | undefined> = {
  date: (a, b) => (a && b ? (a > b ? 1 : a < b ? -1 : 0) : undefined),
  time: (a, b) => compareInstants(`2020-01-01T${a}`, `2020-01-01T${b}`, a && b),
  'date-time': (a, b) => compareInstants(a, b, a && b),
};

function compareInstants(a: string, b: string, both: string): number | undefined {
  if (!both) return undefined;
  const first = new Date(a).valueOf();
  const second = new Date(b).valueOf();
  // ajv-formats tests truthiness, so the epoch itself (0) cannot be ordered there either.
  return first && second ? first - second : undefined;
}
