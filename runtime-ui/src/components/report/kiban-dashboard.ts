import { css, html, LitElement, nothing, type PropertyValues, unsafeCSS } from 'lit';
import { requestJson } from '../../api/client.ts';
import { localize } from '../../i18n/localize.ts';
import type { Language } from '../../metadata/index.ts';
import { RealtimeClient } from '../../realtime/index.ts';
import { baseStyles } from '../shared/index.ts';
import { DashboardRefresh, type RecordChangeSource } from './dashboard-refresh.ts';
import type { KibanReport } from './kiban-report.ts';
import { reportText } from './report-text.ts';
import type { DashboardView, ReportParameter } from './report-types.ts';

/** A class per width: the portal's Content-Security-Policy refuses inline style attributes. */
const COLUMN_SPANS = Array.from({ length: 12 }, (_, i) => `.span-${i + 1} { grid-column: span ${i + 1}; }`).join('\n');

/**
 * A dashboard: its reports on a 12-column grid, the shared filters above them (passed to every
 * report with a parameter of that name), and — with `refreshSeconds` — auto-refresh: the
 * reports run again when records of their entities change (realtime), and every
 * `refreshSeconds` while the realtime connection is down; a button pauses it (WCAG 2.2.2)
 * and the time of the last refresh is shown.
 */
export class KibanDashboard extends LitElement {
  static override properties = {
    name: {},
    language: {},
    apiBase: { attribute: 'api-base' },
    recordHref: { attribute: false },
    realtime: { attribute: false },
    view: { state: true },
    values: { state: true },
    applied: { state: true },
    paused: { state: true },
    refreshedAt: { state: true },
  };

  declare name: string;
  declare language: Language;
  declare apiBase: string;
  /** Where a drilled-down record links to: the staff portal's record page by default. */
  declare recordHref: (entity: string, id: string) => string;
  declare view: DashboardView | undefined;
  declare values: Record<string, string>;
  declare applied: Record<string, string | number | boolean>;
  declare paused: boolean;
  declare refreshedAt: Date | undefined;
  /** The portal's realtime connection; the dashboard opens its own when none is given. */
  declare realtime: RecordChangeSource | undefined;
  private ownConnection: RealtimeClient | undefined;
  private readonly autoRefresh = new DashboardRefresh(() => this.refreshAll());

  static override styles = [
    baseStyles,
    css`
      .grid { display: grid; grid-template-columns: repeat(12, 1fr); gap: 1rem; }
      .cell { min-width: 0; }
      ${unsafeCSS(COLUMN_SPANS)}
      form { display: flex; flex-wrap: wrap; gap: 1rem; align-items: end; }
    `,
  ];

  constructor() {
    super();
    this.name = '';
    this.language = 'ja';
    this.apiBase = '';
    this.recordHref = (entity, id) => `/staff/data/${encodeURIComponent(entity)}/${encodeURIComponent(id)}`;
    this.values = {};
    this.applied = {};
    this.paused = false;
    this.addEventListener('kiban-report-drawn', () => this.announceIfDrawn());
  }

  /**
   * Once every report on the dashboard has drawn its current result: the attribute
   * `data-drawn` and the event `kiban-dashboard-drawn` (what the dashboard benchmark times).
   */
  private announceIfDrawn(): void {
    const reports = [...this.renderRoot.querySelectorAll<KibanReport>('kiban-report')];
    if (reports.length === 0 || !reports.every((report) => report.drawn)) return;
    this.toggleAttribute('data-drawn', true);
    this.dispatchEvent(new CustomEvent('kiban-dashboard-drawn', { bubbles: true, composed: true }));
  }

  override async updated(changed: PropertyValues<this>): Promise<void> {
    if (!changed.has('name') || !this.name) return;
    this.view = await requestJson<DashboardView>(`/api/reports/dashboards/${encodeURIComponent(this.name)}`, {
      apiBase: this.apiBase,
      language: this.language,
    });
    // Filter values travel in the address, so a link shares the dashboard as filtered.
    const query = new URLSearchParams(location.search);
    const given = (this.view.dashboard.parameters ?? []).filter((parameter) => query.has(parameter.name));
    this.values = Object.fromEntries(given.map((parameter) => [parameter.name, query.get(parameter.name) ?? '']));
    this.applied = this.typedValues();
    this.refreshedAt = new Date();
    this.schedule();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.autoRefresh.stop();
    this.ownConnection?.close();
    this.ownConnection = undefined;
  }

  private schedule(): void {
    this.autoRefresh.stop();
    const seconds = this.view?.dashboard.refreshSeconds;
    if (!seconds || this.paused || !this.view) return;
    this.realtime ??= this.ownConnection = new RealtimeClient();
    const shown = new Set(this.view.dashboard.reports.map((entry) => entry.report));
    const entities = this.view.reports.flatMap((report) =>
      shown.has(report.name) && report.entity !== undefined ? [report.entity] : [],
    );
    this.autoRefresh.start(this.realtime, entities, seconds);
  }

  private async refreshAll(): Promise<void> {
    const reports = [...this.renderRoot.querySelectorAll<KibanReport>('kiban-report')];
    this.toggleAttribute('data-drawn', false);
    await Promise.all(reports.map((report) => report.refresh()));
    this.refreshedAt = new Date();
  }

  private onApply(event: Event): void {
    event.preventDefault();
    this.applied = this.typedValues();
    const query = new URLSearchParams(Object.entries(this.applied).map(([name, value]) => [name, String(value)]));
    history.replaceState(history.state, '', `${location.pathname}${query.size > 0 ? `?${query}` : ''}${location.hash}`);
  }

  private typedValues(): Record<string, string | number | boolean> {
    const parameters = this.view?.dashboard.parameters ?? [];
    return Object.fromEntries(
      parameters.flatMap((parameter) => {
        const text = this.values[parameter.name] ?? '';
        if (text === '') return [];
        const value =
          parameter.type === 'integer' || parameter.type === 'decimal'
            ? Number(text)
            : parameter.type === 'boolean'
              ? text === 'true'
              : text;
        return [[parameter.name, value]];
      }),
    );
  }

  private togglePause(): void {
    this.paused = !this.paused;
    this.schedule();
  }

  override render() {
    if (!this.view) return html`<p role="status">${reportText(this.language).loading}</p>`;
    const { dashboard, reports } = this.view;
    const text = reportText(this.language);
    return html`<h1>${localize(dashboard.label, this.language).text}</h1>
      ${this.renderFilters(dashboard.parameters ?? [])}
      ${
        dashboard.refreshSeconds
          ? html`<p>
            <span role="status">${this.refreshedAt ? text.refreshedAt(this.refreshedAt.toLocaleTimeString(this.language)) : ''}</span>
            <button type="button" @click=${this.togglePause}>${this.paused ? text.resume : text.pause}</button>
          </p>`
          : nothing
      }
      <div class="grid">
        ${dashboard.reports.map((entry) => {
          const summary = reports.find((report) => report.name === entry.report);
          if (!summary) return nothing;
          const own = new Set((summary.parameters ?? []).map((parameter) => parameter.name));
          const parameters = Object.fromEntries(Object.entries(this.applied).filter(([name]) => own.has(name)));
          return html`<div class="cell span-${entry.width ?? 12}">
            <kiban-report
              .name=${entry.report}
              .language=${this.language}
              .apiBase=${this.apiBase}
              .parameters=${parameters}
              .chart=${entry.chart?.type}
              .recordHref=${this.recordHref}
            ></kiban-report>
          </div>`;
        })}
      </div>`;
  }

  private renderFilters(parameters: ReportParameter[]) {
    if (parameters.length === 0) return nothing;
    const inputType = (parameter: ReportParameter) =>
      parameter.type === 'date'
        ? 'date'
        : parameter.type === 'integer' || parameter.type === 'decimal'
          ? 'number'
          : 'text';
    return html`<form @submit=${this.onApply}>
      ${parameters.map(
        (parameter) => html`<label
          >${localize(parameter.label, this.language).text}
          <input
            type=${inputType(parameter)}
            name=${parameter.name}
            .value=${this.values[parameter.name] ?? ''}
            @input=${(event: Event) => {
              this.values = { ...this.values, [parameter.name]: (event.target as HTMLInputElement).value };
            }}
        /></label>`,
      )}
      <button type="submit">${reportText(this.language).apply}</button>
    </form>`;
  }
}
