import type { EntityMetadata, FieldDefinition, RuleMetadata } from './rule-types.ts';

/** A resident with a field of most kinds, a household (reference) and cars (collection), for the specs. */

function field(name: string, type: FieldDefinition['type'], ja: string, extra: Partial<FieldDefinition> = {}) {
  return { name, type, label: { ja, en: name }, ...extra } as FieldDefinition;
}

export const household: EntityMetadata = {
  kind: 'entity',
  name: 'Household',
  label: { ja: '世帯', en: 'Household' },
  fields: [
    field('ward', 'enum', '区', {
      values: [
        { value: 'kita', label: { ja: '北区', en: 'Kita' } },
        { value: 'minami', label: { ja: '南区', en: 'Minami' } },
        { value: 'naka', label: { ja: '中区', en: 'Naka' } },
      ],
    }),
    field('size', 'integer', '人数'),
  ],
};

export const resident: EntityMetadata = {
  kind: 'entity',
  name: 'Resident',
  label: { ja: '住民', en: 'Resident' },
  fields: [
    field('name', 'string', '氏名'),
    field('birthDate', 'date', '生年月日'),
    field('income', 'decimal', '所得'),
    field('hasCar', 'boolean', '自動車の保有'),
    field('registeredAt', 'datetime', '登録日時'),
    field('tags', 'json', 'タグ'),
    field('household', 'reference', '世帯', { target: 'Household' }),
    field('cars', 'collection', '自動車', { target: 'Car', inverse: 'resident' }),
  ],
};

export const car: EntityMetadata = {
  kind: 'entity',
  name: 'Car',
  label: { ja: '自動車', en: 'Car' },
  fields: [field('plate', 'string', 'ナンバー'), field('resident', 'reference', '所有者', { target: 'Resident' })],
};

export const residentEntities = [resident, household, car].map(deepFreeze);

/** A new segment as the designer starts one: a group holding the first fact's comparison. */
export function newSegment(): RuleMetadata {
  return deepFreeze({
    kind: 'rule',
    name: 'seniors-without-car',
    label: { ja: '車のない高齢者', en: 'Seniors without a car' },
    entity: 'Resident',
    use: 'segment',
    condition: { all: [{ fact: 'name', op: 'eq', value: '' }] },
  } satisfies RuleMetadata);
}

/** Frozen all the way down, so a spec fails if the editor changes what it was given. */
function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
