import type { ChartType, I18nText, MeasureOp } from '../metadata/types.ts';
import type { ParameterValue } from './parameters.ts';

/** One row of a report's result: a cell, a subtotal or the total. Suppressed rows carry no values. */
export interface ReportRow {
  keys: (string | null)[];
  labels: I18nText[];
  values: (number | string | null)[];
  suppressed: boolean;
}

export interface ReportResult {
  report: { name: string; label: I18nText; entity: string; chart?: { type: ChartType; measure?: string } };
  parameters: Record<string, ParameterValue>;
  dimensions: { name: string; field: string; label: I18nText }[];
  measures: { name: string; label: I18nText; op: MeasureOp }[];
  cells: ReportRow[];
  /** With two dimensions: the subtotal of each value of the first (`dimension: 0`) and of the second. */
  subtotals: (ReportRow & { dimension: number })[];
  total: ReportRow | null;
  minimumCellSize?: number;
  /** Set when there were more cells than the platform returns; the message says so. */
  truncated?: { limit: number; message: I18nText };
  ranAt: string;
}
