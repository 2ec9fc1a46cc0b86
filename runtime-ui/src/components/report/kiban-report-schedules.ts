import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { ApiProblemError, requestJson } from '../../api/client.ts';
import { localize } from '../../i18n/localize.ts';
import type { I18nText, Language } from '../../metadata/index.ts';
import { baseStyles } from '../shared/index.ts';
import { scheduleText } from './schedule-text.ts';

interface Cadence {
  every: 'day' | 'week' | 'month';
  time: string;
  weekday?: number;
  day?: number;
}

interface Schedule {
  id: string;
  format: 'csv' | 'xlsx';
  cadence: Cadence;
  recipients: { staff: string[]; addresses: string[] };
  paused: boolean;
  nextRunAt: string | null;
}

interface Delivery {
  period: string;
  status: 'sent' | 'failed';
  ranAt: string;
  rowCount: number | null;
  error: I18nText | null;
}

/**
 * The caller's scheduled email deliveries of one report (`/api/report-schedules`): listed with
 * their next run, paused, resumed, deleted, their history shown, and a form that schedules a
 * new one with the report's current `parameters`. Without `reports.schedule` (403) it shows
 * nothing: a staff member who may not schedule is not offered to.
 */
export class KibanReportSchedules extends LitElement {
  static override properties = {
    report: {},
    language: {},
    apiBase: { attribute: 'api-base' },
    parameters: { attribute: false },
    schedules: { state: true },
    allowed: { state: true },
    every: { state: true },
    message: { state: true },
    errors: { state: true },
    history: { state: true },
  };

  declare report: string;
  declare language: Language;
  declare apiBase: string;
  declare parameters: Record<string, string | number | boolean>;
  declare schedules: Schedule[] | undefined;
  declare allowed: boolean;
  declare every: Cadence['every'];
  declare message: string;
  declare errors: string[];
  declare history: { schedule: Schedule; items: Delivery[] } | undefined;

  static override styles = [
    baseStyles,
    css`
      table { border-collapse: collapse; width: 100%; }
      th, td { border: 1px solid #767676; padding: 0.25rem 0.5rem; text-align: left; }
      form { display: grid; gap: 0.5rem; max-width: 32rem; margin-top: 1rem; }
      label { display: grid; gap: 0.25rem; }
      label.inline { display: flex; gap: 0.5rem; align-items: center; }
      .errors { color: #b00020; }
    `,
  ];

  constructor() {
    super();
    this.report = '';
    this.language = 'ja';
    this.apiBase = '';
    this.parameters = {};
    this.allowed = true;
    this.every = 'day';
    this.message = '';
    this.errors = [];
  }

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('report') && this.report) void this.load();
  }

  /** Reads the caller's schedules of the report again. */
  async load(): Promise<void> {
    try {
      const answer = await this.call<{ items: Schedule[] }>(
        `/api/report-schedules?report=${encodeURIComponent(this.report)}`,
      );
      this.schedules = answer.items;
    } catch (error) {
      if (error instanceof ApiProblemError && error.problem.status === 403) this.allowed = false;
      else this.message = scheduleText(this.language).failedLoad;
    }
  }

  private call<T>(path: string, init: RequestInit = {}): Promise<T> {
    return requestJson<T>(path, { apiBase: this.apiBase, language: this.language }, init);
  }

  private async create(event: SubmitEvent): Promise<void> {
    event.preventDefault();
    const text = scheduleText(this.language);
    // Taken now: once dispatch ends, an event from inside a shadow root no longer has its target.
    const element = event.target as HTMLFormElement;
    const form = new FormData(element);
    const time = String(form.get('time'));
    const cadence: Cadence =
      this.every === 'week'
        ? { every: 'week', weekday: Number(form.get('weekday')), time }
        : this.every === 'month'
          ? { every: 'month', day: Number(form.get('day')), time }
          : { every: 'day', time };
    const addresses = String(form.get('addresses') ?? '')
      .split(/[\s,、]+/)
      .filter(Boolean);
    const picker = element.querySelector('kiban-colleague-picker');
    const me = form.get('includeMe')
      ? [(await this.call<{ principal: { id: string } }>('/api/auth/me')).principal.id]
      : [];
    const staff = [...new Set([...me, ...(picker?.chosen ?? []).map((colleague) => colleague.id)])];
    try {
      await this.call('/api/report-schedules', {
        method: 'POST',
        body: JSON.stringify({
          report: this.report,
          parameters: this.parameters,
          format: form.get('format'),
          language: this.language === 'en' ? 'en' : 'ja',
          recipients: { staff, addresses },
          cadence,
        }),
      });
      this.errors = [];
      this.message = text.created;
      element.reset();
      picker?.reset();
      this.every = 'day';
      await this.load();
    } catch (error) {
      if (!(error instanceof ApiProblemError)) throw error;
      const problem = error.problem;
      this.message = '';
      this.errors = problem.errors?.length
        ? problem.errors.map((detail) => this.located(detail.pointer, addresses, detail.message))
        : [problem.detail ?? problem.title ?? text.invalid];
    }
  }

  /** A problem of one address names it, so that the staff member sees which one to correct. */
  private located(pointer: string, addresses: string[], message: string): string {
    const match = /^\/recipients\/addresses\/(\d+)$/.exec(pointer);
    return match ? `${addresses[Number(match[1])]}: ${message}` : message;
  }

  private async act(schedule: Schedule, action: 'pause' | 'resume' | 'delete'): Promise<void> {
    const path = `/api/report-schedules/${schedule.id}`;
    await (action === 'delete'
      ? this.call(path, { method: 'DELETE' })
      : this.call(`${path}/${action}`, { method: 'POST' }));
    if (this.history?.schedule.id === schedule.id) this.history = undefined;
    await this.load();
  }

  private async showHistory(schedule: Schedule): Promise<void> {
    const answer = await this.call<{ items: Delivery[] }>(`/api/report-schedules/${schedule.id}/deliveries`);
    this.history = { schedule, items: answer.items };
  }

  override render() {
    if (!this.allowed) return nothing;
    const text = scheduleText(this.language);
    return html`<section aria-labelledby="schedules-title">
      <h2 id="schedules-title">${text.heading}</h2>
      <p role="status">${this.message}</p>
      ${this.schedules?.length ? this.renderList(this.schedules) : html`<p>${text.none}</p>`}
      ${this.history ? this.renderHistory(this.history.schedule, this.history.items) : nothing}
      ${this.renderForm()}
    </section>`;
  }

  private renderList(schedules: Schedule[]) {
    const text = scheduleText(this.language);
    return html`<table>
      <caption>${text.heading}</caption>
      <thead><tr>
        <th scope="col">${text.cadence}</th><th scope="col">${text.format}</th><th scope="col">${text.recipients}</th>
        <th scope="col">${text.nextRun}</th><th scope="col">${text.status}</th><th scope="col">${text.actions}</th>
      </tr></thead>
      <tbody>${schedules.map((schedule) => {
        const cadence = text.describe(schedule.cadence);
        return html`<tr>
          <th scope="row">${cadence}</th>
          <td>${schedule.format.toUpperCase()}</td>
          <td>${text.recipientCount(schedule.recipients.staff.length + schedule.recipients.addresses.length)}</td>
          <td>${schedule.nextRunAt ? this.time(schedule.nextRunAt) : '—'}</td>
          <td>${schedule.paused ? text.paused : text.active}</td>
          <td>
            <button type="button" aria-label=${`${schedule.paused ? text.resume : text.pause}: ${cadence}`}
              @click=${() => this.act(schedule, schedule.paused ? 'resume' : 'pause')}>${schedule.paused ? text.resume : text.pause}</button>
            <button type="button" aria-label=${`${text.history}: ${cadence}`} @click=${() => this.showHistory(schedule)}>${text.history}</button>
            <button type="button" aria-label=${`${text.remove}: ${cadence}`} @click=${() => this.act(schedule, 'delete')}>${text.remove}</button>
          </td>
        </tr>`;
      })}</tbody>
    </table>`;
  }

  private renderHistory(schedule: Schedule, items: Delivery[]) {
    const text = scheduleText(this.language);
    const title = text.historyOf(text.describe(schedule.cadence));
    if (items.length === 0) return html`<h3>${title}</h3><p>${text.noHistory}</p>`;
    return html`<table class="history">
      <caption>${title}</caption>
      <thead><tr>
        <th scope="col">${text.period}</th><th scope="col">${text.result}</th><th scope="col">${text.ranAt}</th><th scope="col">${text.rows}</th>
      </tr></thead>
      <tbody>${items.map(
        (item) => html`<tr>
          <th scope="row">${item.period}</th>
          <td>${item.status === 'sent' ? text.sent : `${text.failed}: ${item.error ? localize(item.error, this.language).text : ''}`}</td>
          <td>${this.time(item.ranAt)}</td>
          <td>${item.rowCount ?? '—'}</td>
        </tr>`,
      )}</tbody>
    </table>`;
  }

  private renderForm() {
    const text = scheduleText(this.language);
    return html`<form @submit=${this.create}>
      <label>${text.cadence}
        <select name="every" @change=${(event: Event) => {
          this.every = (event.target as HTMLSelectElement).value as Cadence['every'];
        }}>
          <option value="day" ?selected=${this.every === 'day'}>${text.daily}</option>
          <option value="week" ?selected=${this.every === 'week'}>${text.weekly}</option>
          <option value="month" ?selected=${this.every === 'month'}>${text.monthly}</option>
        </select>
      </label>
      ${
        this.every === 'week'
          ? html`<label>${text.weekday}<select name="weekday">${text.weekdays.map((day, i) => html`<option value=${i + 1}>${day}</option>`)}</select></label>`
          : nothing
      }
      ${this.every === 'month' ? html`<label>${text.day}<input name="day" type="number" min="1" max="28" value="1" required /></label>` : nothing}
      <label>${text.time}<input name="time" type="time" value="08:00" required /></label>
      <label>${text.format}
        <select name="format"><option value="csv">CSV</option><option value="xlsx">Excel (XLSX)</option></select>
      </label>
      <label>${text.addresses}<textarea name="addresses" rows="2"></textarea></label>
      <label class="inline"><input name="includeMe" type="checkbox" checked />${text.includeMe}</label>
      <kiban-colleague-picker .language=${this.language} api-base=${this.apiBase}></kiban-colleague-picker>
      ${
        this.errors.length > 0
          ? html`<div role="alert" class="errors"><p>${text.invalid}</p><ul>${this.errors.map((error) => html`<li>${error}</li>`)}</ul></div>`
          : nothing
      }
      <button type="submit">${text.create}</button>
    </form>`;
  }

  private time(iso: string): string {
    return new Intl.DateTimeFormat(this.language, {
      timeZone: 'Asia/Tokyo',
      dateStyle: 'medium',
      timeStyle: 'short',
    }).format(new Date(iso));
  }
}
