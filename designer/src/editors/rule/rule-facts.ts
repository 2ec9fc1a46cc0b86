import { type FactKind, operatorApplies } from '../../../../engine/src/metadata/rule-facts.ts';
import { RULE_OPERATORS } from '../../../../engine/src/metadata/types.ts';
import { VALUE_KINDS } from '../../../../engine/src/metadata/value-kinds.ts';
import type { EditorLanguage } from '../errors.ts';
import { localizedString, ruleText } from './rule-messages.ts';
import type { EntityMetadata, FieldDefinition, RuleComparison, RuleOperator } from './rule-types.ts';

/**
 * What a rule can compare, from the engine's own tables (pure metadata modules, no I/O), so
 * the editor offers exactly the operators the engine's checks accept.
 */
export type { FactKind };

export function operatorsFor(kind: FactKind): RuleOperator[] {
  return RULE_OPERATORS.filter((op) => operatorApplies(op, kind));
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
    facts.push({ key: factKey(fact), label: label(field), kind: VALUE_KINDS[field.type], field, comparison: fact });
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
      facts.push({ key: factKey(fact), label: text, kind: VALUE_KINDS[field.type], field, comparison: fact });
    }
  }
  return facts;
}
