import type { EntityMetadata, FieldDefinition, RuleCondition, RuleMetadata } from '../metadata/types.ts';

/** Metadata fixtures for the rule interpreters' tests: a resident with a field of most kinds. */

function field(name: string, type: FieldDefinition['type'], extra: Partial<FieldDefinition> = {}): FieldDefinition {
  return { name, type, label: { ja: name }, ...extra };
}

export const WARDS = ['kita', 'minami', 'naka'] as const;

export const household: EntityMetadata = {
  kind: 'entity',
  name: 'Household',
  label: { ja: '世帯' },
  fields: [
    field('ward', 'enum', { values: WARDS.map((value) => ({ value, label: { ja: value } })) }),
    field('size', 'integer'),
  ],
};

export const resident: EntityMetadata = {
  kind: 'entity',
  name: 'Resident',
  label: { ja: '住民' },
  fields: [
    field('name', 'string', { maxLength: 40 }),
    field('birthDate', 'date'),
    field('income', 'decimal', { precision: 12, scale: 2 }),
    field('householdSize', 'integer'),
    field('hasCar', 'boolean'),
    field('registeredAt', 'datetime'),
    field('tags', 'json'),
    field('household', 'reference', { target: 'Household' }),
    field('cars', 'collection', { target: 'Car', inverse: 'resident' }),
  ],
};

export const car: EntityMetadata = {
  kind: 'entity',
  name: 'Car',
  label: { ja: '自動車' },
  fields: [field('plate', 'string', { maxLength: 20 }), field('resident', 'reference', { target: 'Resident' })],
};

export const ruleEntities: ReadonlyMap<string, EntityMetadata> = new Map([
  [household.name, household],
  [resident.name, resident],
  [car.name, car],
]);

export function residentRule(condition: RuleCondition, name = 'test-rule'): RuleMetadata {
  return { kind: 'rule', name, label: { ja: name }, entity: 'Resident', use: 'segment', condition };
}
