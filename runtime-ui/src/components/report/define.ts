import { KibanDashboard } from './kiban-dashboard.ts';
import { KibanReport } from './kiban-report.ts';

/**
 * Registers `<kiban-report>` and `<kiban-dashboard>`. Kept apart from `defineKibanElements` so
 * that only a page that shows reports loads them; the chart library loads later still, when a
 * chart is first drawn.
 */
export function defineReportElements(): void {
  for (const [tag, element] of [
    ['kiban-report', KibanReport],
    ['kiban-dashboard', KibanDashboard],
  ] as const) {
    if (!customElements.get(tag)) customElements.define(tag, element);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'kiban-report': KibanReport;
    'kiban-dashboard': KibanDashboard;
  }
}
