import type { ValidateFunction } from 'ajv';
import type { Ajv2020 } from 'ajv/dist/2020.js';
import { createAjv } from './create-ajv.ts';
import { displayPath } from './json-pointer.ts';
import { describeAjvErrors, type SchemaProblem } from './messages.ts';
import { fieldValueSchema, type JsonSchema, type RecordMode, recordJsonSchema } from './record-schema.ts';
import type { EntityMetadata, FieldDefinition } from './types.ts';

/** Checks one record's JSON; an empty list means it is valid. */
export type RecordValidator = (record: unknown) => SchemaProblem[];

const RECORD: SchemaProblem['message'] = { ja: 'レコード', en: 'The record' };

let sharedAjv: Ajv2020 | undefined;

/**
 * Compiles a schema into a standalone function. Ajv keeps every compiled schema in its own
 * cache; dropping it afterwards keeps memory flat across many publishes.
 */
function compile(schema: JsonSchema): ValidateFunction {
  sharedAjv ??= createAjv();
  const validate = sharedAjv.compile(schema);
  sharedAjv.removeSchema(schema);
  return validate;
}

/** Published entity metadata is immutable, so a validator can live as long as its entity object. */
const recordValidators = new WeakMap<EntityMetadata, Map<RecordMode, RecordValidator>>();

/**
 * The validator of `entity`'s records for `mode`, compiled once per entity object. Problems
 * name the field by its label and point at it (`/birthDate`), so the API can return them as
 * details and a form can show them beside the input.
 */
export function compileRecordValidator(entity: EntityMetadata, mode: RecordMode): RecordValidator {
  let byMode = recordValidators.get(entity);
  if (!byMode) {
    byMode = new Map();
    recordValidators.set(entity, byMode);
  }
  const cached = byMode.get(mode);
  if (cached) return cached;
  const validate = compile(recordJsonSchema(entity, mode));
  const propertyLabels = Object.fromEntries(entity.fields.map((field) => [field.name, field.label]));
  const validator: RecordValidator = (record) =>
    validate(record) ? [] : describeAjvErrors(validate.errors, { data: record, propertyLabels, root: RECORD });
  byMode.set(mode, validator);
  return validator;
}

/** Many fields share one value schema (every plain string field, say); compile each once. */
const valueValidators = new Map<string, ValidateFunction>();

/**
 * Checks a single value against a field's value schema, for defaults and filter values in
 * metadata. Problems point below `pointer`, the value's place in the metadata item.
 */
export function validateFieldValue(field: FieldDefinition, value: unknown, pointer: string): SchemaProblem[] {
  const schema = fieldValueSchema(field);
  const key = JSON.stringify(schema);
  let validate = valueValidators.get(key);
  if (!validate) {
    validate = compile(schema);
    valueValidators.set(key, validate);
  }
  if (validate(value)) return [];
  const path = displayPath(pointer);
  return describeAjvErrors(validate.errors, { data: value, root: { ja: path, en: path } }).map((problem) => ({
    ...problem,
    pointer: `${pointer}${problem.pointer}`,
  }));
}
