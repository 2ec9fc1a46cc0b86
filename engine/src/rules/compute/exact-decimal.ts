/**
 * Exact decimal arithmetic for computed fields, as PostgreSQL's numeric does it: sums and
 * products are exact (binary floating point would make 0.1 + 0.2 differ from the SQL), and
 * a quotient is rounded half away from zero to DIVISION_SCALE digits.
 */
export interface Decimal {
  /** The value times 10^scale. */
  units: bigint;
  scale: number;
}

/** Digits kept after the point by `div`; the SQL interpreter rounds its quotients the same way. */
export const DIVISION_SCALE = 10;

const DECIMAL_TEXT = /^([+-]?)(\d+)(?:\.(\d+))?$/;

/** A decimal from a JSON number, a numeric string or a bigint; undefined for anything else. */
export function toDecimal(value: unknown): Decimal | undefined {
  if (typeof value === 'bigint') return { units: value, scale: 0 };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    // The shortest text that reads back as the number: what a person typed, not its binary expansion.
    return Number.isInteger(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER
      ? { units: BigInt(value), scale: 0 }
      : parse(String(value));
  }
  return typeof value === 'string' ? parse(value.trim()) : undefined;
}

function parse(text: string): Decimal | undefined {
  const match = DECIMAL_TEXT.exec(text);
  if (!match) return undefined;
  const [, sign, whole, fraction = ''] = match;
  const units = BigInt(whole + fraction);
  return { units: sign === '-' ? -units : units, scale: fraction.length };
}

function aligned(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const scale = Math.max(a.scale, b.scale);
  return [a.units * 10n ** BigInt(scale - a.scale), b.units * 10n ** BigInt(scale - b.scale), scale];
}

export function add(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = aligned(a, b);
  return { units: x + y, scale };
}

export function sub(a: Decimal, b: Decimal): Decimal {
  const [x, y, scale] = aligned(a, b);
  return { units: x - y, scale };
}

export function mul(a: Decimal, b: Decimal): Decimal {
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

/** a / b rounded half away from zero to DIVISION_SCALE digits; undefined when b is zero. */
export function div(a: Decimal, b: Decimal): Decimal | undefined {
  if (b.units === 0n) return undefined;
  // a/b = (a.units / 10^a.scale) / (b.units / 10^b.scale); scaled by 10^DIVISION_SCALE.
  const numerator = a.units * 10n ** BigInt(DIVISION_SCALE + b.scale);
  const denominator = b.units * 10n ** BigInt(a.scale);
  return { units: roundedQuotient(numerator, denominator), scale: DIVISION_SCALE };
}

function roundedQuotient(numerator: bigint, denominator: bigint): bigint {
  const negative = numerator < 0n !== denominator < 0n;
  const n = numerator < 0n ? -numerator : numerator;
  const d = denominator < 0n ? -denominator : denominator;
  const quotient = (2n * n + d) / (2n * d);
  return negative ? -quotient : quotient;
}

export function compare(a: Decimal, b: Decimal): number {
  const [x, y] = aligned(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** Rounded half away from zero to `scale` digits (PostgreSQL's numeric(p, s) assignment). */
export function roundTo(value: Decimal, scale: number): Decimal {
  if (value.scale <= scale) return { units: value.units * 10n ** BigInt(scale - value.scale), scale };
  return { units: roundedQuotient(value.units, 10n ** BigInt(value.scale - scale)), scale };
}

/** Plain decimal text with exactly the decimal's scale, e.g. `-12.50`. */
export function formatDecimal(value: Decimal): string {
  const negative = value.units < 0n;
  const digits = (negative ? -value.units : value.units).toString().padStart(value.scale + 1, '0');
  const whole = digits.slice(0, digits.length - value.scale);
  const fraction = digits.slice(digits.length - value.scale);
  const text = value.scale > 0 ? `${whole}.${fraction}` : whole;
  return negative && value.units !== 0n ? `-${text}` : text;
}
