import type { EntityMetadata, FieldDefinition } from '@kiban/runtime-ui';

export type FieldType = FieldDefinition['type'];
export type Classification = NonNullable<FieldDefinition['classification']>;
/**
 * The options a field may carry besides its name, type, label, description and classification.
 * Formulas, checks and normalisation steps have editors of their own (`field-language.ts`);
 * line-item bounds are edited in the JSON view.
 */
export type FieldOption = Exclude<
  keyof FieldDefinition,
  | 'name'
  | 'type'
  | 'label'
  | 'description'
  | 'classification'
  | 'customType'
  | 'compute'
  | 'lineItems'
  | 'validations'
  | 'normalize'
>;

export const CLASSIFICATIONS = ['none', 'personal', 'sensitive'] as const satisfies readonly Classification[];

const STORED: FieldOption[] = ['required', 'unique', 'indexed', 'default'];
const TEXT: FieldOption[] = [...STORED, 'minLength', 'maxLength', 'pattern'];
const RANGE: FieldOption[] = [...STORED, 'min', 'max'];

/**
 * The options each type takes, as `metadata/schema/entity.json` allows them; anything else
 * is refused by the schema (`unevaluatedProperties`), so changing a type drops the rest.
 */
export const OPTIONS_OF_TYPE: Record<FieldType, readonly FieldOption[]> = {
  string: TEXT,
  text: TEXT,
  integer: RANGE,
  decimal: [...RANGE, 'precision', 'scale'],
  boolean: STORED,
  date: RANGE,
  datetime: RANGE,
  enum: [...STORED, 'values'],
  email: STORED,
  phone: STORED,
  postalCode: STORED,
  kana: TEXT,
  json: STORED,
  reference: [...STORED, 'target'],
  collection: ['target', 'inverse'],
  file: [...STORED.filter((option) => option !== 'default' && option !== 'unique'), 'maxSize', 'accept'],
};

/**
 * The built-in types in the order the type picker offers them; taken from the record above,
 * whose type makes the compiler name any type of the language that is missing.
 */
export const FIELD_TYPES = Object.keys(OPTIONS_OF_TYPE) as FieldType[];

/** Reference fields of `target` that point at `entityName`: the candidates for a collection's inverse. */
export function inverseCandidates(entities: readonly EntityMetadata[], target: string, entityName: string): string[] {
  const targetEntity = entities.find((entity) => entity.name === target);
  return (targetEntity?.fields ?? [])
    .filter((field) => field.type === 'reference' && field.target === entityName)
    .map((field) => field.name);
}

/**
 * `field` as a field of `type`: options the new type does not take are dropped, and the
 * options it requires get a first value, so the item stays close to valid while editing.
 */
export function withType(
  field: FieldDefinition,
  type: FieldType,
  context: { entityName: string; entities: readonly EntityMetadata[]; firstEnumLabel: string },
): FieldDefinition {
  const kept = OPTIONS_OF_TYPE[type].filter((option) => OPTIONS_OF_TYPE[field.type]?.includes(option));
  const next: FieldDefinition = { name: field.name, type, label: field.label };
  if (field.description) next.description = field.description;
  if (field.classification) next.classification = field.classification;
  const sameValueKind = kindOfValues(field.type) === kindOfValues(type);
  for (const option of kept) {
    // A default or range of another kind of value (a date for a number) would be invalid.
    if (!sameValueKind && (option === 'default' || option === 'min' || option === 'max')) continue;
    if (field[option] !== undefined) Object.assign(next, { [option]: field[option] });
  }
  if (type === 'enum' && !next.values) next.values = [{ value: 'option1', label: { ja: context.firstEnumLabel } }];
  if ((type === 'reference' || type === 'collection') && !next.target) {
    const target = context.entities.find((entity) => entity.name !== context.entityName)?.name;
    if (target) next.target = target;
  }
  if (type === 'collection' && next.target && !next.inverse) {
    const [inverse] = inverseCandidates(context.entities, next.target, context.entityName);
    if (inverse) next.inverse = inverse;
  }
  return next;
}

function kindOfValues(type: FieldType): string {
  if (type === 'integer' || type === 'decimal') return 'number';
  if (type === 'date' || type === 'datetime' || type === 'boolean' || type === 'json') return type;
  return 'text';
}
