import type { I18nText, MetadataBase } from './common.ts';
import type { RuleCondition } from './rules.ts';

/** The types a run-time parameter may have; its value is checked against it before the query runs. */
export const REPORT_PARAMETER_TYPES = ['string', 'integer', 'decimal', 'boolean', 'date', 'datetime'] as const;
export type ReportParameterType = (typeof REPORT_PARAMETER_TYPES)[number];

export interface ReportParameter {
  name: string;
  type: ReportParameterType;
  label: I18nText;
  required?: boolean;
  default?: string | number | boolean | null;
}

export type DateBucket = 'day' | 'week' | 'month' | 'year' | 'fiscalYear';

export interface ReportGroupBy {
  /** The name sort refers to; the field when absent. */
  name?: string;
  /** A field, or one reference step (`branch.name`). */
  field: string;
  label?: I18nText;
  bucket?: DateBucket;
  /** Lower bounds of age bands of a birth date, ascending. */
  ageBands?: number[];
}

export const MEASURE_OPS = ['count', 'sum', 'avg', 'min', 'max', 'countDistinct', 'ratio'] as const;
export type MeasureOp = (typeof MEASURE_OPS)[number];

export interface ReportMeasure {
  name: string;
  label: I18nText;
  op: MeasureOp;
  field?: string;
  numerator?: string;
  denominator?: string;
}

/** `map`: a choropleth of the first group-by over the ward map the city sets (report settings). */
export type ChartType = 'bar' | 'stackedBar' | 'line' | 'pie' | 'donut' | 'table' | 'kpi' | 'map';

export interface ReportChart {
  type: ChartType;
  measure?: string;
}

/**
 * A report: an aggregate over one entity, compiled to one SQL query. Comparison values in
 * `filter` may be `{ "param": "<name>" }`, bound at run time, and a member of it may be a saved
 * condition `{ "rule": "<name>" }` (`report-conditions.ts`), replaced by the rule's condition.
 */
export interface ReportMetadata extends MetadataBase {
  kind: 'report';
  entity: string;
  parameters?: ReportParameter[];
  filter?: RuleCondition;
  groupBy?: ReportGroupBy[];
  measures: ReportMeasure[];
  sort?: { by: string; direction: 'asc' | 'desc' }[];
  limit?: number;
  /** Cells counting fewer records are suppressed (＊), with complementary suppression. */
  minimumCellSize?: number;
  chart?: ReportChart;
}

export interface DashboardReport {
  report: string;
  width?: number;
  chart?: ReportChart;
}

export interface DashboardMetadata extends MetadataBase {
  kind: 'dashboard';
  /** Shared filters: passed to each report with a parameter of the same name. */
  parameters?: ReportParameter[];
  reports: DashboardReport[];
  refreshSeconds?: number;
  roles?: string[];
}

/** A group-by's name, as sort and results refer to it. */
export function groupByName(groupBy: ReportGroupBy): string {
  return groupBy.name ?? groupBy.field.replace('.', '_');
}
