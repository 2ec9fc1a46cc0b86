export { createAjv } from './create-ajv.ts';
export {
  type BaseFieldType,
  type FieldTypeRegistry,
  NO_PLUGIN_FIELD_TYPES,
  type PluginFieldType,
  resolveAllFieldTypes,
  UnknownFieldTypeError,
} from './field-types.ts';
export { DEFAULT_FILE_MAX_SIZE, FILE_CONTENT_TYPES, FILE_VALUE_SCHEMA, fileLimits } from './file-fields.ts';
export { type LoadedItem, loadMetadataDirectory } from './load-files.ts';
export { type DescribeOptions, describeAjvErrors, type LocalizedMessage, type SchemaProblem } from './messages.ts';
export { fieldValueSchema, type JsonSchema, type RecordMode, recordJsonSchema } from './record-schema.ts';
export { compileRecordValidator, type RecordValidator } from './record-validator.ts';
export {
  type DraftRecord,
  deletePublishedDrafts,
  getDraft,
  type ItemKey,
  listDrafts,
  listVersions,
  loadPublished,
  type PublishedItem,
  saveDraft,
  type VersionRecord,
  writePublication,
} from './registry-store.ts';
export { REGISTRY_SCHEMA_SQL } from './registry-tables.ts';
export { validateItemShape, validateManifestShape } from './schemas.ts';
export { checkSemantics, type SemanticOptions } from './semantic-checks.ts';
export * from './types.ts';
export { type ValidateOptions, validateMetadata } from './validate.ts';
