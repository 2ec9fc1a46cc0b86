import { FILE_VALUE_SCHEMA } from './file-fields.ts';
import { decimalPattern, KANA_PATTERN, PHONE_PATTERN, POSTAL_CODE_PATTERN } from './patterns.ts';
import { STORAGE_DEFAULTS } from './storage.ts';
import type { EntityMetadata, FieldDefinition } from './types.ts';

/** A JSON Schema (draft 2020-12) as plain JSON, so that it can be sent to the browser. */
export type JsonSchema = Record<string, unknown>;

/** What a record schema is for: a new record, a partial update, or a record as the API returns it. */
export type RecordMode = 'create' | 'update' | 'read';

/**
 * Storage limits the data layer applies when metadata gives none (see data/column-types.ts):
 * checking them here turns a database error into a clear message on the field.
 */
const ANY_JSON_VALUE = ['object', 'array', 'string', 'number', 'boolean'];

/**
 * The schema of a field's non-null value; collections are not values of the record. A plugin
 * field type's schema applies on top of its base type's, to every value but null (whether
 * null is allowed is the field's `required`, decided by the record schema).
 */
export function fieldValueSchema(field: FieldDefinition): JsonSchema {
  return withCustomType(baseValueSchema(field), field, (custom) => custom);
}

/** The value schema with null allowed; a plugin type's own schema is then skipped for null. */
function nullableValueSchema(field: FieldDefinition): JsonSchema {
  return withCustomType(nullable(baseValueSchema(field)), field, (custom) => ({ if: { type: 'null' }, else: custom }));
}

function withCustomType(schema: JsonSchema, field: FieldDefinition, wrap: (custom: JsonSchema) => JsonSchema) {
  if (!field.customType) return schema;
  const allOf = Array.isArray(schema.allOf) ? schema.allOf : [];
  return { ...schema, allOf: [...allOf, wrap(field.customType.schema)] };
}

function baseValueSchema(field: FieldDefinition): JsonSchema {
  switch (field.type) {
    case 'string':
      return textSchema(field, STORAGE_DEFAULTS.stringMaxLength);
    case 'text':
      return textSchema(field);
    case 'kana':
      return withPattern(
        textSchema({ ...field, pattern: KANA_PATTERN }, STORAGE_DEFAULTS.stringMaxLength),
        field.pattern,
      );
    case 'email':
      return { type: 'string', format: 'email', maxLength: STORAGE_DEFAULTS.emailMaxLength };
    case 'phone':
      return { type: 'string', pattern: PHONE_PATTERN };
    case 'postalCode':
      return { type: 'string', pattern: POSTAL_CODE_PATTERN };
    case 'integer':
      return {
        type: 'integer',
        minimum: Math.max(Number(field.min ?? STORAGE_DEFAULTS.integerMin), STORAGE_DEFAULTS.integerMin),
        maximum: Math.min(Number(field.max ?? STORAGE_DEFAULTS.integerMax), STORAGE_DEFAULTS.integerMax),
      };
    case 'decimal':
      return decimalSchema(field);
    case 'boolean':
      return { type: 'boolean' };
    case 'date':
      return dateSchema('date', field);
    case 'datetime':
      return dateSchema('date-time', field);
    case 'enum':
      return { enum: (field.values ?? []).map((value) => value.value) };
    case 'json':
      return { type: ANY_JSON_VALUE };
    case 'reference':
      return { type: 'string', format: 'uuid' };
    case 'file':
      return FILE_VALUE_SCHEMA;
    case 'collection':
      throw new Error(`The collection field ${field.name} has no value of its own.`);
  }
}

function textSchema(field: FieldDefinition, defaultMaxLength?: number): JsonSchema {
  const schema: JsonSchema = { type: 'string' };
  if (field.minLength !== undefined) schema.minLength = field.minLength;
  const maxLength = field.maxLength ?? defaultMaxLength;
  if (maxLength !== undefined) schema.maxLength = maxLength;
  if (field.pattern !== undefined) schema.pattern = field.pattern;
  return schema;
}

/** A schema object holds one `pattern`; an author's own pattern joins the built-in one. */
function withPattern(schema: JsonSchema, pattern: string | undefined): JsonSchema {
  return pattern === undefined ? schema : { ...schema, allOf: [{ pattern }] };
}

/**
 * Decimals arrive as JSON numbers or, to stay exact, as numeric strings. Ranges apply to
 * numbers; a string is held to the column's digits by its pattern.
 */
function decimalSchema(field: FieldDefinition): JsonSchema {
  const precision = field.precision ?? STORAGE_DEFAULTS.decimalPrecision;
  const scale = field.scale ?? STORAGE_DEFAULTS.decimalScale;
  const bound = 10 ** (precision - scale);
  const schema: JsonSchema = { type: ['number', 'string'], pattern: decimalPattern(precision, scale) };
  if (field.min !== undefined) {
    schema.minimum = Number(field.min);
    schema.decimalMinimum = Number(field.min);
  }
  if (field.min === undefined || Number(field.min) <= -bound) schema.exclusiveMinimum = -bound;
  if (field.max !== undefined) {
    schema.maximum = Number(field.max);
    schema.decimalMaximum = Number(field.max);
  }
  if (field.max === undefined || Number(field.max) >= bound) schema.exclusiveMaximum = bound;
  return schema;
}

function dateSchema(format: 'date' | 'date-time', field: FieldDefinition): JsonSchema {
  const schema: JsonSchema = { type: 'string', format };
  if (field.min !== undefined) schema.formatMinimum = field.min;
  if (field.max !== undefined) schema.formatMaximum = field.max;
  return schema;
}

function nullable(schema: JsonSchema): JsonSchema {
  if (Array.isArray(schema.enum)) return { ...schema, enum: [...schema.enum, null] };
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return { ...schema, type: [...types, 'null'] };
}

/**
 * A line-item collection in a parent's body: an array of the child's rows, within the
 * collection's row bounds. Each row is checked against the child entity's own schema
 * (`<Child>Create`, or `<Child>Update` for a row with an id) where it is written.
 */
function lineItemsSchema(field: FieldDefinition): JsonSchema {
  const schema: JsonSchema = {
    title: field.label.ja,
    type: 'array',
    items: { type: 'object', properties: { id: { type: 'string', format: 'uuid' } } },
    maxItems: field.lineItems?.maxItems ?? 1000,
  };
  if (field.description) schema.description = field.description.ja;
  if (field.lineItems?.minItems !== undefined) schema.minItems = field.lineItems.minItems;
  return schema;
}

const SYSTEM_PROPERTIES: Record<string, JsonSchema> = {
  id: { title: 'ID', type: 'string', format: 'uuid' },
  version: { title: '版', type: 'integer', minimum: 1 },
  owner: { title: '所有者', type: ['string', 'null'], format: 'uuid' },
  createdAt: { title: '作成日時', type: 'string', format: 'date-time' },
  updatedAt: { title: '更新日時', type: 'string', format: 'date-time' },
};

/**
 * The JSON Schema of a record of `entity`, the one contract the browser and the server both
 * validate against. `create`: required fields without a default must be given; `update`:
 * any subset may be given, but required fields never become null; `read`: adds the system
 * properties every record carries. Fields may be absent on read (field policies hide them).
 * File fields are read only: an upload sets them, and a record is created before its files.
 */
export function recordJsonSchema(entity: EntityMetadata, mode: RecordMode): JsonSchema {
  const properties: Record<string, JsonSchema> = mode === 'read' ? { ...SYSTEM_PROPERTIES } : {};
  const required: string[] = mode === 'read' ? Object.keys(SYSTEM_PROPERTIES) : [];
  for (const field of entity.fields) {
    if (field.type === 'collection') {
      if (mode === 'read' || !field.lineItems) continue;
      properties[field.name] = lineItemsSchema(field);
      if (mode === 'create' && (field.lineItems.minItems ?? 0) > 0) required.push(field.name);
      continue;
    }
    // Computed values are the engine's to write: no input schema lists them.
    if (field.compute !== undefined && mode !== 'read') continue;
    // A file field is set by an upload only, after the record exists.
    if (field.type === 'file' && mode !== 'read') continue;
    const value =
      field.required && field.compute === undefined && field.type !== 'file'
        ? fieldValueSchema(field)
        : nullableValueSchema(field);
    const property: JsonSchema = { title: field.label.ja };
    if (field.description) property.description = field.description.ja;
    if (field.compute !== undefined) property.readOnly = true;
    if (mode === 'create' && field.default !== undefined) property.default = field.default;
    properties[field.name] = { ...property, ...value };
    if (mode === 'create' && field.required && field.default === undefined) required.push(field.name);
  }
  const schema: JsonSchema = {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    title: entity.label.ja,
    type: 'object',
    properties,
    additionalProperties: false,
  };
  if (required.length > 0) schema.required = required;
  return schema;
}
