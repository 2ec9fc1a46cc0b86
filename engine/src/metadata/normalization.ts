import { NORMALIZE_KEYWORD, type NormalizeStep, normalizeRecord } from '@kiban/metadata/normalize';
import type { EntityMetadata, FieldDefinition } from './types.ts';

export { NORMALIZE_KEYWORD, NORMALIZE_STEPS, type NormalizeStep } from '@kiban/metadata/normalize';

/**
 * What each built-in type does to a typed value before it is checked: full-width digits and
 * letters become ASCII, kana become full-width katakana, postal codes seven digits and phone
 * numbers their national form. Plain text is kept as typed unless its field says otherwise.
 */
const TYPE_STEPS: Partial<Record<FieldDefinition['type'], readonly NormalizeStep[]>> = {
  kana: ['nfkc', 'trim', 'katakana'],
  email: ['nfkc', 'trim'],
  phone: ['nfkc', 'trim', 'phone'],
  postalCode: ['nfkc', 'trim', 'postalCode'],
  decimal: ['nfkc', 'trim'],
  date: ['nfkc', 'trim'],
  datetime: ['nfkc', 'trim'],
};

/** The steps of one field: its own `normalize`, its plugin type's, or its built-in type's. */
export function fieldNormalization(field: FieldDefinition): readonly NormalizeStep[] {
  return field.normalize ?? field.customType?.normalize ?? TYPE_STEPS[field.type] ?? [];
}

/** Normalisation the record schema shows the browser: the keyword and the steps, when there are any. */
export function normalizationAnnotation(field: FieldDefinition): Record<string, readonly NormalizeStep[]> {
  const steps = fieldNormalization(field);
  return steps.length > 0 ? { [NORMALIZE_KEYWORD]: steps } : {};
}

const stepsByEntity = new WeakMap<EntityMetadata, Map<string, readonly NormalizeStep[]>>();

/** The input with every field's value normalised; the write path validates what this returns. */
export function normalizeRecordInput<T extends Record<string, unknown>>(entity: EntityMetadata, input: T): T {
  let steps = stepsByEntity.get(entity);
  if (!steps) {
    steps = new Map(entity.fields.map((field) => [field.name, fieldNormalization(field)]));
    stepsByEntity.set(entity, steps);
  }
  const known = steps;
  return normalizeRecord(input, (name) => known.get(name));
}
