export type { RecordChangeSource } from './dashboard-refresh.ts';
export { defineReportElements } from './define.ts';
export { KibanDashboard } from './kiban-dashboard.ts';
export { KibanReport } from './kiban-report.ts';
export { KibanReportSchedules } from './kiban-report-schedules.ts';
export type { DashboardView, ReportResult, ReportRow, ReportSummary } from './report-types.ts';
