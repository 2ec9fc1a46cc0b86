import type { I18nText } from '../../metadata/index.ts';

/** What `POST /api/reports/:name/run` answers (engine/src/reports/result.ts). */
export interface ReportRow {
  keys: (string | null)[];
  labels: I18nText[];
  values: (number | string | null)[];
  suppressed: boolean;
}

export type ChartType = 'bar' | 'stackedBar' | 'line' | 'pie' | 'donut' | 'table' | 'kpi' | 'map';

export interface ReportResult {
  report: { name: string; label: I18nText; entity: string; chart?: { type: ChartType; measure?: string } };
  parameters: Record<string, string | number | boolean>;
  dimensions: { name: string; field: string; label: I18nText }[];
  measures: { name: string; label: I18nText; op: string }[];
  cells: ReportRow[];
  subtotals: (ReportRow & { dimension: number })[];
  total: ReportRow | null;
  minimumCellSize?: number;
  truncated?: { limit: number; message: I18nText };
  ranAt: string;
}

export interface ReportParameter {
  name: string;
  type: 'string' | 'integer' | 'decimal' | 'boolean' | 'date' | 'datetime';
  label: I18nText;
  required?: boolean;
}

/** A report as `GET /api/reports` and a dashboard list it. */
export interface ReportSummary {
  name: string;
  label: I18nText;
  /** The entity the report counts, whose changes refresh it on a dashboard. */
  entity?: string;
  parameters?: ReportParameter[];
  chart?: { type: ChartType; measure?: string };
}

export interface DashboardView {
  dashboard: {
    name: string;
    label: I18nText;
    parameters?: ReportParameter[];
    reports: { report: string; width?: number; chart?: { type: ChartType; measure?: string } }[];
    refreshSeconds?: number;
  };
  reports: ReportSummary[];
}
