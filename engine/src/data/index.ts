export {
  type AppliedMigration,
  applyMigration,
  type MigrationRefusal,
  MigrationRefusedError,
} from './apply-migration.ts';
export {
  type ColumnSpec,
  type ColumnType,
  columnTypeOf,
  DATETIME_PRECISION,
  defaultLiteral,
  fieldColumn,
  formatColumnType,
  SYSTEM_COLUMNS,
} from './column-types.ts';
export { type DatabaseHandle, openDatabase } from './database.ts';
export { type ApiRecord, toEntitySchema, toEntitySchemas } from './entity-schema.ts';
export { FilterError, type FilterProblem } from './filter-error.ts';
export { CURRENT_USER } from './filter-values.ts';
export { compileFilter, type FilterContext } from './filters.ts';
export { insertRows } from './insert-rows.ts';
export {
  type LiveColumn,
  type LiveForeignKey,
  type LiveIndex,
  type LiveSchema,
  type LiveTable,
  readLiveSchema,
} from './introspect.ts';
export { findUnstorableJson, MAX_JSON_DEPTH } from './json-limits.ts';
export {
  type LocalizedText,
  type MigrationAction,
  type MigrationPlan,
  type MigrationStep,
  toPlan,
} from './migration-plan.ts';
export {
  APP_TABLE_PREFIX,
  columnName,
  isAppTable,
  quoteIdent,
  SYSTEM_COLUMN_NAMES,
  snakeCase,
  tableName,
} from './naming.ts';
export { planMigration } from './plan-migration.ts';
export { type RawResult, rawQuery } from './raw-query.ts';
export { compileReferenceFilter } from './reference-filters.ts';
export { type CompiledSort, compileSort, cursorFilter, encodeCursor, type SortKey } from './sort-cursor.ts';
export { inTransaction, type Sql, sqlOf } from './sql.ts';
