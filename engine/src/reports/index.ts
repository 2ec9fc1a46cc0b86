export { type CompiledReport, compileReport, MAX_REPORT_CELLS } from './compile.ts';
export { DRILL_DOWN_LIMIT, reportRecords } from './drill-down.ts';
export { toCsv, toXlsx } from './export-files.ts';
export { type ExportLanguage, exportTable, SUPPRESSED_MARK } from './export-table.ts';
export { type BoundFilter, bindReportParameters, type ParameterValue } from './parameters.ts';
export type { ReportResult, ReportRow } from './result.ts';
export {
  publishedReport,
  REPORT_STATEMENT_TIMEOUT_MS,
  type RunReportOptions,
  runPublishedReport,
  runReport,
} from './run.ts';
export { withSavedConditions } from './saved-conditions.ts';
export { type AggregateRow, suppressSmallCells } from './suppress.ts';
export { REPORT_SETTINGS, REPORT_SETTINGS_SECTION, readWardMap, type WardMap } from './ward-map.ts';
