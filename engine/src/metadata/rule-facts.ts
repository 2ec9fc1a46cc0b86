import { isCalendarDate } from './calendar-date.ts';
import { fieldNamed } from './semantic-context.ts';
import type { EntityMetadata, FieldDefinition, RuleComparison, RuleOperator } from './types.ts';
import { VALUE_KINDS, type ValueKind } from './value-kinds.ts';

/** How a fact's values compare; both interpreters of the rule language switch on it. */
export type FactKind = ValueKind;

/**
 * Where a fact's value comes from: a field of the subject, a field of the record a reference
 * points to (one many-to-one step), the age in whole years computed from a date field, or
 * the number of records in a collection (`{ "fact": "count", "of": "cars" }`).
 */
export type ResolvedFact =
  | { source: 'field'; field: FieldDefinition; kind: FactKind }
  | { source: 'reference'; reference: FieldDefinition; target: EntityMetadata; field: FieldDefinition; kind: FactKind }
  | { source: 'age'; field: FieldDefinition; kind: 'integer' }
  | { source: 'count'; field: FieldDefinition; target: EntityMetadata; inverse: FieldDefinition; kind: 'integer' };

export type FactProblem =
  | 'unknownFact'
  | 'unknownReference'
  | 'notAReference'
  | 'unknownTarget'
  | 'ageNeedsDate'
  | 'countNeedsCollection';

/** Resolves a comparison's fact against the entity, or says why it cannot be resolved. */
export function resolveFact(
  comparison: Pick<RuleComparison, 'fact' | 'of'>,
  entity: EntityMetadata,
  entities: ReadonlyMap<string, EntityMetadata>,
): ResolvedFact | { problem: FactProblem } {
  if (comparison.of !== undefined) {
    const field = fieldNamed(entity, comparison.of);
    if (!field) return { problem: 'unknownFact' };
    if (comparison.fact === 'age') {
      return field.type === 'date' ? { source: 'age', field, kind: 'integer' } : { problem: 'ageNeedsDate' };
    }
    if (comparison.fact !== 'count') return { problem: 'unknownFact' };
    if (field.type !== 'collection' || !field.target || !field.inverse) return { problem: 'countNeedsCollection' };
    const target = entities.get(field.target);
    const inverse = target && fieldNamed(target, field.inverse);
    if (!target || !inverse) return { problem: 'unknownTarget' };
    return { source: 'count', field, target, inverse, kind: 'integer' };
  }
  const [first, second] = comparison.fact.split('.') as [string, string | undefined];
  const field = fieldNamed(entity, first);
  if (second === undefined) {
    return field && field.type !== 'collection'
      ? { source: 'field', field, kind: VALUE_KINDS[field.type] }
      : { problem: 'unknownFact' };
  }
  if (!field) return { problem: 'unknownReference' };
  if (field.type !== 'reference' || !field.target) return { problem: 'notAReference' };
  const target = entities.get(field.target);
  if (!target) return { problem: 'unknownTarget' };
  const targetField = fieldNamed(target, second);
  if (!targetField || targetField.type === 'collection') return { problem: 'unknownFact' };
  return { source: 'reference', reference: field, target, field: targetField, kind: VALUE_KINDS[targetField.type] };
}

const COMPARABLE = new Set<FactKind>(['text', 'integer', 'decimal', 'boolean', 'date', 'datetime', 'uuid']);
/**
 * Text is deliberately not ordered: PostgreSQL orders by the database's collation and
 * JavaScript by code unit, so the two interpreters could disagree.
 */
const ORDERED = new Set<FactKind>(['integer', 'decimal', 'date', 'datetime']);

const APPLICABLE: Record<RuleOperator, (kind: FactKind) => boolean> = {
  eq: (kind) => COMPARABLE.has(kind),
  ne: (kind) => COMPARABLE.has(kind),
  in: (kind) => COMPARABLE.has(kind),
  notIn: (kind) => COMPARABLE.has(kind),
  lt: (kind) => ORDERED.has(kind),
  lte: (kind) => ORDERED.has(kind),
  gt: (kind) => ORDERED.has(kind),
  gte: (kind) => ORDERED.has(kind),
  between: (kind) => ORDERED.has(kind),
  contains: (kind) => kind === 'text',
  arrayContains: (kind) => kind === 'json',
  isNull: () => true,
  isNotNull: () => true,
  withinDays: (kind) => kind === 'date' || kind === 'datetime',
  isBusinessDay: (kind) => kind === 'date',
};

export function operatorApplies(op: RuleOperator, kind: FactKind): boolean {
  return APPLICABLE[op](kind);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ISO_DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})$/i;

/** `-30d` → -30, `+3bd` → 3. */
export function relativeDays(relative: string): number {
  return Number.parseInt(relative.replace(/b?d$/, ''), 10);
}

/** Whether a relative date counts the city's business days (`+3bd`) rather than calendar days. */
export function countsBusinessDays(relative: string): boolean {
  return relative.endsWith('bd');
}

export function isRelativeDate(value: unknown): value is { relative: string } {
  return typeof value === 'object' && value !== null && 'relative' in value;
}

/**
 * Whether one operand suits the fact: the right JSON type, a real calendar date, a known
 * enum value. Relative dates suit date and datetime facts only.
 */
export function operandFits(value: unknown, kind: FactKind, field: FieldDefinition): boolean {
  if (isRelativeDate(value)) return kind === 'date' || (kind === 'datetime' && !countsBusinessDays(value.relative));
  switch (kind) {
    case 'integer':
      // Beyond the safe range a number no longer is the integer it reads as, nor fits a bigint.
      return Number.isSafeInteger(value);
    case 'decimal':
      return typeof value === 'number' && Number.isFinite(value);
    case 'boolean':
      return typeof value === 'boolean';
    case 'date':
      return typeof value === 'string' && isCalendarDate(value);
    case 'datetime':
      return typeof value === 'string' && ISO_DATETIME.test(value) && !Number.isNaN(Date.parse(value));
    case 'uuid':
      return typeof value === 'string' && UUID.test(value);
    case 'json':
      return value !== null && typeof value !== 'object';
    case 'text':
      if (typeof value !== 'string' || value.includes('\0')) return false;
      return field.type !== 'enum' || (field.values ?? []).some((each) => each.value === value);
  }
}
