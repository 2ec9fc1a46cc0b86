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
export { validateMetadata } from './validate.ts';
