import { KibanColleaguePicker } from './kiban-colleague-picker.ts';
import { KibanDashboard } from './kiban-dashboard.ts';
import { KibanReport } from './kiban-report.ts';
import { KibanReportSchedules } from './kiban-report-schedules.ts';

/**
 * Registers `<kiban-report>`, `<kiban-dashboard>`, `<kiban-report-schedules>` and its `<kiban-colleague-picker>`. Kept apart from `defineKibanElements` so
 * that only a page that shows reports loads them; the chart library loads later still, when a
 * chart is first drawn.
 */
export function defineReportElements(): void {
  for (const [tag, element] of [
    ['kiban-report', KibanReport],
    ['kiban-dashboard', KibanDashboard],
    ['kiban-report-schedules', KibanReportSchedules],
    ['kiban-colleague-picker', KibanColleaguePicker],
  ] as const) {
    if (!customElements.get(tag)) customElements.define(tag, element);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiban-report': KibanReport;
    'kiban-dashboard': KibanDashboard;
    'kiban-report-schedules': KibanReportSchedules;
    'kiban-colleague-picker': KibanColleaguePicker;
  }
}
