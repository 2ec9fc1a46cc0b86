import type { ResolvedExpression } from '../../metadata/compute-resolve.ts';
import { STORAGE_DEFAULTS } from '../../metadata/storage.ts';
import type { FieldDefinition } from '../../metadata/types.ts';
import { addBusinessDaysToDate } from '../business-days.ts';
import { addDays, ageOn } from '../evaluation-date.ts';
import * as exact from './exact-decimal.ts';

/**
 * One record as the one-record interpreter sees it: its values (as the API or a form holds
 * them), the record each reference points to, and the rows of each collection — each row a
 * subject of its own, so that aggregates can read the row's references too.
 */
export interface ComputeSubject {
  record: Readonly<Record<string, unknown>>;
  references?: Readonly<Record<string, Readonly<Record<string, unknown>> | null | undefined>>;
  collections?: Readonly<Record<string, readonly ComputeSubject[] | undefined>>;
}

/** An intermediate value: decimals exact, dates `YYYY-MM-DD`, text as is; null when missing. */
type Value = exact.Decimal | string | null;

/**
 * The computed field's value for one record, in the form the API returns it: integers as
 * numbers, decimals as strings rounded to the field's scale, dates `YYYY-MM-DD`. The browser
 * shows it live while the resident types; the SQL interpreter (compile-sql.ts) stores the
 * same value, which the property test in agree.test.ts holds it to.
 */
export function evaluateCompute(
  field: FieldDefinition,
  expression: ResolvedExpression,
  subject: ComputeSubject,
): string | number | null {
  const value = evaluate(expression, subject);
  if (value === null) return null;
  if (typeof value === 'string') return field.type === 'date' ? value : truncated(value, textLimit(field));
  if (field.type === 'integer') return Number(exact.roundTo(value, 0).units);
  return exact.formatDecimal(exact.roundTo(value, field.scale ?? STORAGE_DEFAULTS.decimalScale));
}

function evaluate(expression: ResolvedExpression, subject: ComputeSubject): Value {
  switch (expression.node) {
    case 'literal':
      return expression.kind === 'text' || expression.kind === 'date'
        ? String(expression.value)
        : decimalOf(expression.value);
    case 'field':
      return expression.compute
        ? evaluate(expression.compute, subject)
        : factValue(expression.kind, subject.record[expression.field.name]);
    case 'reference': {
      const target = subject.references?.[expression.reference.name];
      return target ? factValue(expression.kind, target[expression.field.name]) : null;
    }
    case 'count':
      return { units: BigInt(subject.collections?.[expression.collection.name]?.length ?? 0), scale: 0 };
    case 'aggregate':
      return aggregate(expression, subject.collections?.[expression.collection.name] ?? []);
    case 'arithmetic':
      return arithmetic(
        expression.fn,
        expression.args.map((arg) => evaluate(arg, subject) as exact.Decimal | null),
      );
    case 'concat':
      return expression.args.map((arg) => evaluate(arg, subject) ?? '').join('');
    case 'date':
      return dateFunction(
        expression.fn,
        expression.args.map((arg) => evaluate(arg, subject)),
      );
  }
}

/** How many characters a computed text field keeps (its column's length); both interpreters cut there. */
export function textLimit(field: FieldDefinition): number | undefined {
  return field.maxLength ?? (field.type === 'string' ? STORAGE_DEFAULTS.stringMaxLength : undefined);
}

/** The first `limit` characters, counted as PostgreSQL counts them: by code point. */
function truncated(text: string, limit: number | undefined): string {
  if (limit === undefined) return text;
  const characters = Array.from(text);
  return characters.length <= limit ? text : characters.slice(0, limit).join('');
}

function aggregate(expression: Extract<ResolvedExpression, { node: 'aggregate' }>, rows: readonly ComputeSubject[]) {
  const values = rows
    .map((row) => evaluate(expression.value, row))
    .filter((value): value is exact.Decimal | string => value !== null);
  if (expression.fn === 'sum') {
    return (values as exact.Decimal[]).reduce(exact.add, { units: 0n, scale: 0 });
  }
  if (values.length === 0) return null;
  const sign = expression.fn === 'min' ? -1 : 1;
  return values.reduce((kept, value) => (sign * order(value, kept) > 0 ? value : kept));
}

/** Dates order as their `YYYY-MM-DD` text; numbers by value. */
function order(a: exact.Decimal | string, b: exact.Decimal | string): number {
  if (typeof a === 'string' || typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return exact.compare(a, b);
}

function arithmetic(fn: 'add' | 'sub' | 'mul' | 'div', args: (exact.Decimal | null)[]): exact.Decimal | null {
  if (args.some((arg) => arg === null)) return null;
  const [first, ...rest] = args as exact.Decimal[];
  if (fn === 'div') return exact.div(first as exact.Decimal, rest[0] as exact.Decimal) ?? null;
  const step = fn === 'add' ? exact.add : fn === 'sub' ? exact.sub : exact.mul;
  return rest.reduce(step, first as exact.Decimal);
}

function dateFunction(fn: string, args: Value[]): Value {
  const [a, b] = args;
  if (a === null || b === null || a === undefined || b === undefined) return null;
  switch (fn) {
    case 'addDays':
      return addDays(a as string, Number((b as exact.Decimal).units));
    case 'addBusinessDays':
      return addBusinessDaysToDate(a as string, Number((b as exact.Decimal).units));
    case 'daysBetween':
      return { units: BigInt((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000), scale: 0 };
    default:
      return { units: BigInt(ageOn(a as string, b as string)), scale: 0 };
  }
}

function decimalOf(value: unknown): exact.Decimal | null {
  return exact.toDecimal(value) ?? null;
}

/** A fact's value as the expression computes with it; unreadable input counts as missing. */
function factValue(kind: ResolvedExpression['kind'], value: unknown): Value {
  if (value === null || value === undefined) return null;
  if (kind === 'text') return String(value);
  // A form's empty number or date input is no value.
  if (value === '') return null;
  if (kind === 'integer' || kind === 'decimal') return decimalOf(value);
  return /^\d{4}-\d{2}-\d{2}/.test(String(value)) ? String(value).slice(0, 10) : null;
}
