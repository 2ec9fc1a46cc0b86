import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { requestJson } from '../../api/client.ts';
import { localize } from '../../i18n/localize.ts';
import type { I18nText, Language } from '../../metadata/index.ts';
import { baseStyles } from '../shared/index.ts';
import { reportText } from './report-text.ts';
import type { ChartType, ReportResult, ReportRow } from './report-types.ts';
import { loadWardMap, type WardMap } from './ward-map.ts';

type Status = 'idle' | 'loading' | 'ready' | 'failed';

/**
 * One published report: runs it (`POST /api/reports/:name/run`) with `parameters`, draws its
 * chart — ECharts, imported only when a chart is drawn, so no portal page pays for it up front —
 * and always shows the numbers as a table, the chart's accessible alternative. Suppressed
 * cells read ＊ (「秘匿」 to screen readers). A map needs the city's ward map; without one the
 * table stands alone, with a note. `refresh()` runs it again.
 */
export class KibanReport extends LitElement {
  static override properties = {
    name: {},
    language: {},
    apiBase: { attribute: 'api-base' },
    parameters: { attribute: false },
    chart: {},
    recordHref: { attribute: false },
    result: { state: true },
    drill: { state: true },
    status: { state: true },
    wardMap: { state: true },
  };

  declare name: string;
  declare language: Language;
  declare apiBase: string;
  declare parameters: Record<string, string | number | boolean>;
  /** Overrides the report's own chart type. */
  declare chart: ChartType | undefined;
  declare result: ReportResult | undefined;
  declare status: Status;
  /** Where a record of the drill-down links to; without it, cells do not drill down. */
  declare recordHref: ((entity: string, id: string) => string) | undefined;
  declare drill: { labels: string[]; ids: string[]; more: boolean } | undefined;
  /** The ward map of a map chart: undefined until asked for, null when the city set none. */
  declare wardMap: WardMap | null | undefined;
  /**
   * True once the current result is on screen with its chart drawn (or with none to draw);
   * `kiban-report-drawn` announces it, and a dashboard gathers them into one signal.
   */
  drawn = false;
  private disposeChart: (() => void) | undefined;
  private lastAsked = '';

  static override styles = [
    baseStyles,
    css`
      .chart { width: 100%; height: 320px; }
      table { border-collapse: collapse; width: 100%; }
      th, td { border: 1px solid #767676; padding: 0.25rem 0.5rem; }
      td.number { text-align: right; font-variant-numeric: tabular-nums; }
      tfoot th, tfoot td { font-weight: bold; }
      .kpi strong { font-size: 2rem; display: block; }
      .note { font-size: 0.9rem; }
    `,
  ];

  constructor() {
    super();
    this.name = '';
    this.language = 'ja';
    this.apiBase = '';
    this.parameters = {};
    this.status = 'idle';
  }

  override updated(changed: PropertyValues<this>): void {
    // A dashboard hands over a new parameters object on each render; only other values run the report again.
    const asked = JSON.stringify([this.name, this.parameters]);
    if ((changed.has('name') || changed.has('parameters')) && asked !== this.lastAsked) {
      this.lastAsked = asked;
      void this.refresh();
    }
    if (this.result && this.chartType() === 'map' && this.wardMap === undefined) {
      void loadWardMap(this.apiBase).then((map) => {
        this.wardMap = map;
      });
    }
    if (changed.has('result') || changed.has('chart') || changed.has('wardMap')) void this.drawChart();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.disposeChart?.();
  }

  /** Runs the report again with the current parameters. */
  async refresh(): Promise<void> {
    if (!this.name) return;
    this.status = 'loading';
    this.drawn = false;
    try {
      this.result = await requestJson<ReportResult>(
        `/api/reports/${encodeURIComponent(this.name)}/run`,
        { apiBase: this.apiBase, language: this.language },
        { method: 'POST', body: JSON.stringify({ parameters: this.parameters }) },
      );
      this.status = 'ready';
    } catch {
      this.status = 'failed';
    }
  }

  private chartType(): ChartType {
    return this.chart ?? this.result?.report.chart?.type ?? 'bar';
  }

  private measureIndex(): number {
    const wanted = this.result?.report.chart?.measure;
    return Math.max(0, this.result?.measures.findIndex((measure) => measure.name === wanted) ?? 0);
  }

  private async drawChart(): Promise<void> {
    this.disposeChart?.();
    this.disposeChart = undefined;
    const element = this.renderRoot.querySelector<HTMLElement>('.chart');
    if (element && this.result) {
      const { drawReportChart } = await import('./report-chart.ts');
      this.disposeChart = drawReportChart(
        element,
        this.result,
        this.chartType(),
        this.measureIndex(),
        this.language,
        this.wardMap ?? undefined,
      );
    }
    // A map waits for its ward map before it counts as drawn.
    if (this.result && !(this.chartType() === 'map' && this.wardMap === undefined)) this.announceDrawn();
  }

  /** After the next frame, so that what was drawn has also been painted. */
  private announceDrawn(): void {
    requestAnimationFrame(() => {
      if (this.drawn || !this.result) return;
      this.drawn = true;
      this.dispatchEvent(new CustomEvent('kiban-report-drawn', { bubbles: true, composed: true }));
    });
  }

  override render() {
    const text = reportText(this.language);
    const result = this.result;
    if (!result) {
      return html`<p role="status">${this.status === 'failed' ? text.failed : text.loading}</p>`;
    }
    const title = this.label(result.report.label);
    const type = this.chartType();
    return html`<section aria-labelledby="report-title">
      <h2 id="report-title">${title}</h2>
      <p role="status" class="note">${this.status === 'loading' ? text.loading : this.status === 'failed' ? text.failed : ''}</p>
      ${result.truncated ? html`<p class="note">${this.label(result.truncated.message)}</p>` : nothing}
      ${type === 'kpi' ? this.renderKpi(result) : nothing}
      ${
        this.hasChart(type, result)
          ? html`<div class="chart" role="img" aria-label=${text.chartLabel(title)}></div>`
          : nothing
      }
      ${type === 'map' && this.wardMap === null ? html`<p class="note">${text.noMap}</p>` : nothing}
      ${this.renderTable(result, title)} ${this.renderDrill(result)}
      ${result.minimumCellSize !== undefined ? html`<p class="note">${text.suppressedNote(result.minimumCellSize)}</p>` : nothing}
      <p>
        <a href=${this.exportHref('csv')} download>${text.csv}</a>
        <a href=${this.exportHref('xlsx')} download>${text.xlsx}</a>
      </p>
    </section>`;
  }

  /** Whether a chart goes beside the table: not for a table or a number, and a map only once its map is there. */
  private hasChart(type: ChartType, result: ReportResult): boolean {
    if (type === 'table' || type === 'kpi' || result.cells.length === 0) return false;
    return type !== 'map' || Boolean(this.wardMap);
  }

  private renderKpi(result: ReportResult) {
    const row = result.total ?? result.cells[0];
    const index = this.measureIndex();
    return html`<p class="kpi">${this.label(result.measures[index].label)}<strong>${row ? this.value(row, index) : '—'}</strong></p>`;
  }

  private renderTable(result: ReportResult, title: string) {
    const text = reportText(this.language);
    const headers = [
      ...result.dimensions.map((dimension) => dimension.label),
      ...result.measures.map((measure) => measure.label),
    ];
    const line = (labels: string[], row: ReportRow, cell = false) => html`<tr>
      ${labels.map((label, i) =>
        i > 0
          ? html`<td>${label}</td>`
          : cell && this.recordHref
            ? html`<th scope="row"><button type="button" class="link" @click=${() => this.drillDown(row, labels)}>${label}</button></th>`
            : html`<th scope="row">${label}</th>`,
      )}
      ${row.values.map((_, i) => html`<td class="number">${this.value(row, i)}</td>`)}
    </tr>`;
    const totals = [
      ...result.subtotals.map((row) =>
        line(
          row.labels.map((label, i) => (i === row.dimension ? this.label(label) : text.total)),
          row,
        ),
      ),
      ...(result.total && result.dimensions.length > 0
        ? [
            line(
              result.dimensions.map(() => text.total),
              result.total,
            ),
          ]
        : []),
    ];
    return html`<table>
      <caption>${text.tableCaption(title)}</caption>
      <thead><tr>${headers.map((label) => html`<th scope="col">${this.label(label)}</th>`)}</tr></thead>
      <tbody>
        ${
          result.cells.length === 0 && result.dimensions.length > 0
            ? html`<tr><td colspan=${headers.length}>${text.noData}</td></tr>`
            : result.cells.map((row) =>
                line(
                  row.labels.map((label) => this.label(label)),
                  row,
                  true,
                ),
              )
        }
        ${result.dimensions.length === 0 && result.total ? line([], result.total) : nothing}
      </tbody>
      ${totals.length > 0 ? html`<tfoot>${totals}</tfoot>` : nothing}
    </table>`;
  }

  /** Lists the records behind a cell (`POST /api/reports/:name/records`), as the caller may list them. */
  private async drillDown(row: ReportRow, labels: string[]): Promise<void> {
    const answer = await requestJson<{ items: { id: string }[]; more: boolean }>(
      `/api/reports/${encodeURIComponent(this.name)}/records`,
      { apiBase: this.apiBase, language: this.language },
      { method: 'POST', body: JSON.stringify({ parameters: this.parameters, keys: row.keys }) },
    );
    this.drill = { labels, ids: answer.items.map((item) => item.id), more: answer.more };
  }

  private renderDrill(result: ReportResult) {
    if (!this.drill || !this.recordHref) return nothing;
    const text = reportText(this.language);
    return html`<section aria-labelledby="drill-title">
      <h3 id="drill-title">${text.recordsOf(this.drill.labels.join(' / '))}</h3>
      <ul>
        ${this.drill.ids.map((id) => html`<li><a href=${this.recordHref?.(result.report.entity, id) ?? ''}>${id}</a></li>`)}
      </ul>
      ${this.drill.more ? html`<p class="note">${text.moreRecords}</p>` : nothing}
    </section>`;
  }

  private value(row: ReportRow, index: number) {
    if (row.suppressed) return html`<abbr title=${reportText(this.language).suppressed}>＊</abbr>`;
    const value = row.values[index];
    if (value === null) return '—';
    return typeof value === 'number'
      ? new Intl.NumberFormat(this.language, { maximumFractionDigits: 2 }).format(value)
      : value;
  }

  private label(text: I18nText): string {
    return localize(text, this.language).text;
  }

  private exportHref(format: 'csv' | 'xlsx'): string {
    const query = new URLSearchParams(Object.entries(this.parameters).map(([key, value]) => [key, String(value)]));
    const suffix = query.size > 0 ? `?${query}` : '';
    return `${this.apiBase}/api/reports/${encodeURIComponent(this.name)}/export.${format}${suffix}`;
  }
}
