import type { FactKind, FactOption } from './rule-facts.ts';
import type { RelativeDate, RuleOperator } from './rule-types.ts';

/**
 * The values a comparison holds, by operator: none for isNull/isNotNull, a number of days
 * for withinDays, a pair for between, a list for in/notIn, one operand otherwise. When the
 * operator or the fact changes, the value is reshaped so the rule stays close to valid.
 */

export type Scalar = string | number | boolean;
export type Operand = Scalar | RelativeDate;

const DEFAULT_WITHIN_DAYS = 30;

export function isRelativeDate(value: unknown): value is RelativeDate {
  return typeof value === 'object' && value !== null && 'relative' in value;
}

/** A first value of the fact's kind: its first enum value, today for dates. */
export function defaultOperand(fact: FactOption): Operand {
  if (fact.field.type === 'enum') return fact.field.values?.[0]?.value ?? '';
  switch (fact.kind) {
    case 'boolean':
      return true;
    case 'integer':
    case 'decimal':
      return 0;
    case 'date':
    case 'datetime':
      return { relative: '0d' };
    default:
      return '';
  }
}

function firstOperand(previous: unknown, fact: FactOption): Operand {
  const candidate = Array.isArray(previous) ? previous[0] : previous;
  if (candidate === undefined || candidate === null) return defaultOperand(fact);
  return candidate as Operand;
}

/** Lists take plain values only: a relative date becomes the fact's default. */
function firstScalar(previous: unknown, fact: FactOption): Scalar {
  const operand = firstOperand(previous, fact);
  if (!isRelativeDate(operand)) return operand;
  const fallback = defaultOperand(fact);
  return isRelativeDate(fallback) ? '' : fallback;
}

/** The value a comparison with `op` should hold, keeping what it can of `previous`. */
export function valueForOperator(op: RuleOperator, fact: FactOption, previous: unknown): unknown {
  switch (op) {
    case 'isNull':
    case 'isNotNull':
      return undefined;
    case 'withinDays':
      return Number.isInteger(previous) && (previous as number) >= 0 ? previous : DEFAULT_WITHIN_DAYS;
    case 'between':
      if (Array.isArray(previous) && previous.length === 2) return previous;
      return [firstOperand(previous, fact), firstOperand(previous, fact)];
    case 'in':
    case 'notIn':
      if (Array.isArray(previous) && previous.length > 0 && !previous.some(isRelativeDate)) return previous;
      return [firstScalar(previous, fact)];
    case 'contains':
      return typeof previous === 'string' ? previous : '';
    default:
      return firstOperand(previous, fact);
  }
}

/** Whether dates of this kind may also be given relative to the evaluation date. */
export function takesRelativeDates(kind: FactKind): boolean {
  return kind === 'date' || kind === 'datetime';
}

/** `-30` → `{ relative: '-30d' }`. */
export function relativeDate(days: number): RelativeDate {
  return { relative: `${Math.trunc(days)}d` };
}

/** `{ relative: '-30d' }` → -30. */
export function relativeDays(value: RelativeDate): number {
  return Number.parseInt(value.relative.slice(0, -1), 10);
}

/** City time: a datetime typed without a zone is read in Asia/Tokyo, as the engine dates are. */
const TOKYO_OFFSET = '+09:00';

/** The operand of what was typed into the input of a fact of `kind`. */
export function parseOperand(text: string, kind: FactKind): Scalar | undefined {
  if (text === '') return kind === 'text' || kind === 'uuid' ? '' : undefined;
  switch (kind) {
    case 'integer':
    case 'decimal': {
      const number = Number(text);
      return Number.isFinite(number) ? number : undefined;
    }
    case 'boolean':
      return text === 'true';
    case 'datetime':
      return `${text}:00${TOKYO_OFFSET}`;
    case 'json':
      return jsonScalar(text);
    default:
      return text;
  }
}

/** The text an input shows for an operand (the inverse of parseOperand). */
export function operandText(value: unknown, kind: FactKind): string {
  if (value === undefined || value === null || isRelativeDate(value)) return '';
  if (kind === 'datetime' && typeof value === 'string') return value.slice(0, 16);
  return String(value);
}

/** A JSON array holds numbers and booleans as well as text; `12` and `true` are read as such. */
function jsonScalar(text: string): Scalar {
  if (text === 'true' || text === 'false') return text === 'true';
  const number = Number(text);
  return text.trim() !== '' && Number.isFinite(number) ? number : text;
}
