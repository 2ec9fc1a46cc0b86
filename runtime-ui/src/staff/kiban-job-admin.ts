import { html, LitElement, nothing } from 'lit';
import { ApiProblemError, fetchJobs, type JobStatus, type JobView, retryJob } from '../api/index.ts';
import { baseStyles } from '../components/shared/index.ts';
import {
  type CalendarPreference,
  DEFAULT_LANGUAGE,
  formatDateTime,
  type MessageKey,
  translate,
} from '../i18n/index.ts';
import type { Language } from '../metadata/index.ts';
import { shellStyles } from '../portal/shell-styles.ts';

const STATUSES: JobStatus[] = ['dead', 'pending', 'running', 'done'];

/**
 * `<kiban-job-admin>`: background jobs for administrators — how many wait, run, are done or
 * failed for good, the jobs of one status with their last error, and retry for a failed one.
 */
export class KibanJobAdmin extends LitElement {
  static override properties = {
    language: { reflect: true },
    calendar: {},
    apiBase: { attribute: 'api-base' },
    shown: { state: true },
    counts: { state: true },
    jobs: { state: true },
    status: { state: true },
    message: { state: true },
  };

  static override styles = [baseStyles, shellStyles];

  declare language: Language;
  declare calendar: CalendarPreference;
  declare apiBase: string;
  declare shown: JobStatus;
  declare counts: Record<JobStatus, number> | undefined;
  declare jobs: JobView[];
  declare status: 'loading' | 'ready' | 'failed' | 'denied';
  declare message: string;

  constructor() {
    super();
    this.language = DEFAULT_LANGUAGE;
    this.calendar = 'japanese';
    this.apiBase = '';
    this.shown = 'dead';
    this.jobs = [];
    this.status = 'loading';
    this.message = '';
  }

  private get options() {
    return { apiBase: this.apiBase, language: this.language };
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const { counts, items } = await fetchJobs(this.shown, this.options);
      this.counts = counts;
      this.jobs = items;
      this.status = 'ready';
    } catch (error) {
      this.status = error instanceof ApiProblemError && error.problem.status === 403 ? 'denied' : 'failed';
    }
  }

  private say(key: MessageKey): string {
    return translate(this.language, key);
  }

  private async show(status: JobStatus): Promise<void> {
    this.shown = status;
    this.message = '';
    await this.load();
  }

  private async retry(job: JobView): Promise<void> {
    try {
      await retryJob(job.id, this.options);
      this.message = `${this.say('jobs.retried')}: ${job.name}`;
    } catch (error) {
      this.message =
        error instanceof ApiProblemError && error.problem.detail ? error.problem.detail : this.say('page.loadFailed');
    }
    await this.load();
  }

  override render() {
    if (this.status === 'loading') return html`<p role="status">${this.say('page.loading')}</p>`;
    if (this.status === 'denied') return html`<p role="alert">${this.say('jobs.denied')}</p>`;
    if (this.status === 'failed') return html`<p role="alert">${this.say('page.loadFailed')}</p>`;
    return html`<div role="group" aria-label=${this.say('jobs.status')}>
        ${STATUSES.map(
          (status) =>
            html`<button type="button" aria-pressed=${String(this.shown === status)} @click=${() => this.show(status)}>
              ${this.say(`jobs.status.${status}`)} (${this.counts?.[status] ?? 0})
            </button>`,
        )}
      </div>
      <p role="status">${this.message}</p>
      ${this.jobs.length === 0 ? html`<p>${this.say('jobs.empty')}</p>` : this.renderTable()}`;
  }

  private renderTable() {
    return html`<table>
      <thead>
        <tr>
          <th scope="col">${this.say('jobs.name')}</th>
          <th scope="col">${this.say('jobs.attempts')}</th>
          <th scope="col">${this.say('jobs.runAt')}</th>
          <th scope="col">${this.say('jobs.lastError')}</th>
          ${this.shown === 'dead' ? html`<th scope="col">${this.say('jobs.retry')}</th>` : nothing}
        </tr>
      </thead>
      <tbody>
        ${this.jobs.map(
          (job) => html`<tr>
            <td>${job.name}</td>
            <td>${job.attempts} / ${job.maxAttempts}</td>
            <td>${formatDateTime(job.runAt, this.language, this.calendar)}</td>
            <td>${job.lastError ?? ''}</td>
            ${
              this.shown === 'dead'
                ? html`<td><button type="button" @click=${() => this.retry(job)}>${this.say('jobs.retry')}</button></td>`
                : nothing
            }
          </tr>`,
        )}
      </tbody>
    </table>`;
  }
}
