import { type ColumnType, formatColumnType } from './column-types.ts';
import { quoteIdent } from './naming.ts';

/** A condition on the table's rows with its bound values. */
export interface RowCondition {
  where: string;
  params: unknown[];
}

/** How an existing column's values fare when its type changes. */
export interface TypeChange {
  /** Every value survives unchanged and PostgreSQL converts implicitly. */
  widening: boolean;
  /** The `using` expression for `alter column … type`, when one is needed. */
  using?: string;
  /** Rows whose value is shortened or rounded by the conversion. */
  changed?: RowCondition;
  /** Rows whose value cannot be converted at all: the statement would fail on them. */
  failing?: RowCondition;
  /** False when nothing can be counted beforehand (the statement may still fail). */
  countable: boolean;
}

const TEXT = new Set(['varchar', 'text', 'char']);
const INTEGER_DIGITS: Record<string, number> = { smallint: 5, integer: 10, bigint: 19 };
const INTEGER_RANGE: Record<string, [string, string]> = {
  smallint: ['-32768', '32767'],
  integer: ['-2147483648', '2147483647'],
  bigint: ['-9223372036854775808', '9223372036854775807'],
};
const INTEGER_TEXT = '^[-+]?[0-9]+$';
const DECIMAL_TEXT = '^[-+]?([0-9]+([.][0-9]*)?|[.][0-9]+)$';
const BOOLEAN_TEXT = '^(t|true|y|yes|on|1|f|false|n|no|off|0)$';
const DATE_TEXT = '^[0-9]{4}-[0-9]{2}-[0-9]{2}$';
const UUID_TEXT = '^[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}$';

const isText = (t: ColumnType) => TEXT.has(t.base);
const isInteger = (t: ColumnType) => t.base in INTEGER_DIGITS;
const isNumber = (t: ColumnType) => isInteger(t) || t.base === 'numeric';
/** Digits before the decimal point a numeric type can hold; Infinity when unconstrained. */
const wholeDigits = (t: ColumnType) =>
  isInteger(t) ? INTEGER_DIGITS[t.base] : t.precision === undefined ? Infinity : t.precision - (t.scale ?? 0);
const fractionDigits = (t: ColumnType) => (isInteger(t) ? 0 : t.precision === undefined ? Infinity : (t.scale ?? 0));

export function classifyTypeChange(column: string, from: ColumnType, to: ColumnType): TypeChange {
  const c = quoteIdent(column);
  const target = formatColumnType(to);
  if (isWidening(from, to)) return { widening: true, countable: true };

  if (isText(to)) {
    const source = isText(from) ? c : `${c}::text`;
    if (to.length === undefined) return { widening: false, using: source, countable: true };
    return {
      widening: false,
      // An explicit cast to varchar(n) truncates instead of failing.
      using: `${source}::${target}`,
      changed: { where: `length(${source}) > ?`, params: [to.length] },
      countable: true,
    };
  }
  if (isNumber(to)) return toNumber(c, from, to, target);
  if (to.base === 'boolean') {
    if (isText(from)) return parsedFromText(c, target, BOOLEAN_TEXT, true);
    if (isNumber(from)) {
      return {
        widening: false,
        using: `${c} <> 0`,
        changed: { where: `${c} not in (0, 1)`, params: [] },
        countable: true,
      };
    }
  }
  if (to.base === 'date' && isText(from)) return parsedFromText(c, target, DATE_TEXT, false);
  if (to.base === 'uuid' && isText(from)) return parsedFromText(c, target, UUID_TEXT, true);
  if (to.base === 'jsonb') return { widening: false, using: `to_jsonb(${c})`, countable: true };
  if (to.base === from.base && to.base === 'timestamptz') {
    return {
      widening: false,
      using: `${c}::${target}`,
      changed: { where: `${c} <> ${c}::${target}`, params: [] },
      countable: true,
    };
  }
  // Going through text lets PostgreSQL parse any value it can; what it cannot parse fails the
  // statement, and with it the whole migration, so nothing is half-applied.
  return { widening: false, using: `${c}::text::${target}`, countable: false };
}

function isWidening(from: ColumnType, to: ColumnType): boolean {
  if (isText(from) && isText(to) && from.base !== 'char' && to.base !== 'char') {
    if (to.base === 'text' || to.length === undefined) return true;
    return from.base === 'varchar' && from.length !== undefined && to.length >= from.length;
  }
  if (isNumber(from) && isNumber(to)) {
    if (isInteger(to) && !isInteger(from)) return false;
    return wholeDigits(to) >= wholeDigits(from) && fractionDigits(to) >= fractionDigits(from);
  }
  if (from.base === 'timestamptz' && to.base === 'timestamptz') {
    return to.precision === undefined || (from.precision !== undefined && to.precision >= from.precision);
  }
  return false;
}

function toNumber(c: string, from: ColumnType, to: ColumnType, target: string): TypeChange {
  const scale = fractionDigits(to);
  const roundedScale = Number.isFinite(scale) ? scale : undefined;
  const limit = outOfRange(to, isNumber(from) ? c : `trim(${c})`, roundedScale);
  if (isNumber(from)) {
    const changed =
      roundedScale !== undefined && fractionDigits(from) > roundedScale
        ? { where: `${c} <> round(${c}, ?)`, params: [roundedScale] }
        : undefined;
    const using = isInteger(to) && !isInteger(from) ? `round(${c})::${target}` : `${c}::${target}`;
    return { widening: false, using, changed, failing: limit, countable: true };
  }
  if (isText(from)) {
    const pattern = isInteger(to) ? INTEGER_TEXT : DECIMAL_TEXT;
    // The cast only runs on rows the pattern accepts, so counting never fails itself.
    const failing: RowCondition = limit
      ? {
          where: `${c} is not null and (case when trim(${c}) ~ ? then ${limit.where} else true end)`,
          params: [pattern, ...limit.params],
        }
      : { where: `trim(${c}) !~ ?`, params: [pattern] };
    return { widening: false, using: `trim(${c})::${target}`, failing, countable: true };
  }
  if (from.base === 'boolean') return { widening: false, using: `${c}::integer::${target}`, countable: true };
  return { widening: false, using: `${c}::text::${target}`, countable: false };
}

/** Rows whose (numeric) value does not fit the target's range after rounding to its scale. */
function outOfRange(to: ColumnType, value: string, scale: number | undefined): RowCondition | undefined {
  const range = INTEGER_RANGE[to.base];
  if (range) return { where: `round(${value}::numeric) not between ? and ?`, params: range };
  const whole = wholeDigits(to);
  if (!Number.isFinite(whole)) return undefined;
  return {
    where: `abs(round(${value}::numeric, ?)) >= power(10::numeric, ?)`,
    params: [scale ?? 0, whole],
  };
}

function parsedFromText(c: string, target: string, pattern: string, caseInsensitive: boolean): TypeChange {
  return {
    widening: false,
    using: `trim(${c})::${target}`,
    failing: { where: `trim(${c}) ${caseInsensitive ? '!~*' : '!~'} ?`, params: [pattern] },
    countable: true,
  };
}
