import type { EditorLanguage } from '../errors.ts';
import { localizedString, ruleText } from './rule-messages.ts';
import type { EntityMetadata, FieldDefinition, RuleComparison, RuleOperator } from './rule-types.ts';

/**
 * What a rule can compare, mirrored from the engine (`rule-facts.ts`, `value-kinds.ts`):
 * engine code may not enter the browser bundle, so the small tables are restated here.
 */
export type FactKind = 'text' | 'integer' | 'decimal' | 'boolean' | 'date' | 'datetime' | 'json' | 'uuid';

const KIND_OF_TYPE: Record<Exclude<FieldDefinition['type'], 'collection'>, FactKind> = {
  string: 'text',
  text: 'text',
  enum: 'text',
  email: 'text',
  phone: 'text',
  postalCode: 'text',
  kana: 'text',
  integer: 'integer',
  decimal: 'decimal',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
  json: 'json',
  reference: 'uuid',
};

export const OPERATORS: readonly RuleOperator[] = [
  'eq',
  'ne',
  'lt',
  'lte',
  'gt',
  'gte',
  'between',
  'in',
  'notIn',
  'contains',
  'arrayContains',
  'isNull',
  'isNotNull',
  'withinDays',
];

const COMPARABLE = new Set<FactKind>(['text', 'integer', 'decimal', 'boolean', 'date', 'datetime', 'uuid']);
// Text is not ordered: PostgreSQL and JavaScript order text differently, so the engine refuses it.
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
};

export function operatorsFor(kind: FactKind): RuleOperator[] {
  return OPERATORS.filter((op) => APPLICABLE[op](kind));
}

/** One fact the picker offers: `key` identifies it in the picker, `comparison` is what it writes. */
export interface FactOption {
  key: string;
  label: string;
  kind: FactKind;
  /** The field whose values the fact takes (enum values come from it). */
  field: FieldDefinition;
  comparison: Pick<RuleComparison, 'fact' | 'of'>;
}

/** The picker key of a comparison's fact; computed facts carry a colon no field name can hold. */
export function factKey(comparison: Pick<RuleComparison, 'fact' | 'of'>): string {
  return comparison.of === undefined ? comparison.fact : `${comparison.fact}:${comparison.of}`;
}

/**
 * Every fact of `entityName`: its fields, each field of a referenced record (one step),
 * the age of each date field and the number of records in each collection.
 */
export function factsOf(
  entityName: string,
  entities: readonly EntityMetadata[],
  language: EditorLanguage,
): FactOption[] {
  const entity = entities.find((candidate) => candidate.name === entityName);
  if (!entity) return [];
  const label = (field: FieldDefinition) => localizedString(field.label, language);
  const facts: FactOption[] = [];
  for (const field of entity.fields) {
    if (field.type === 'collection') continue;
    const fact = { fact: field.name };
    facts.push({ key: factKey(fact), label: label(field), kind: KIND_OF_TYPE[field.type], field, comparison: fact });
  }
  for (const field of entity.fields) {
    if (field.type === 'date') {
      const fact = { fact: 'age', of: field.name };
      const text = ruleText(language, 'editor.rule.fact.age', { field: label(field) });
      facts.push({ key: factKey(fact), label: text, kind: 'integer', field, comparison: fact });
    }
    if (field.type === 'collection' && field.target && field.inverse) {
      const fact = { fact: 'count', of: field.name };
      const text = ruleText(language, 'editor.rule.fact.count', { field: label(field) });
      facts.push({ key: factKey(fact), label: text, kind: 'integer', field, comparison: fact });
    }
  }
  for (const reference of entity.fields) {
    const target = reference.type === 'reference' && entities.find((candidate) => candidate.name === reference.target);
    if (!target) continue;
    for (const field of target.fields) {
      if (field.type === 'collection') continue;
      const fact = { fact: `${reference.name}.${field.name}` };
      const text = `${label(reference)} › ${label(field)}`;
      facts.push({ key: factKey(fact), label: text, kind: KIND_OF_TYPE[field.type], field, comparison: fact });
    }
  }
  return facts;
}
