export { canonicalJson } from './canonical-json.ts';
export { type DataSelector, parseDataSelector } from './export-data.ts';
export {
  type ExportOptions,
  exportPackage,
  type ItemSelector,
  parseItemSelector,
  writeArchive,
} from './export-package.ts';
export { listHistory as packageHistory, PACKAGE_SCHEMA_SQL } from './history.ts';
export { importPackage, planImport } from './import-package.ts';
export { type DiffEntry, diffJson, formatDiffEntry } from './item-diff.ts';
export { type PackageOperations, packageOperations } from './operations.ts';
export { formatPackagePlan } from './plan-text.ts';
export { readPackage } from './read-package.ts';
export { rollbackPackage } from './rollback-package.ts';
export * from './types.ts';
