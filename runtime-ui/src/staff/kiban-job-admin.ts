import { html, nothing } from 'lit';
import { ApiProblemError, fetchJobs, type JobStatus, type JobView, retryJob } from '../api/index.ts';
import { formatDateTime } from '../i18n/index.ts';
import { StaffAdminElement } from './staff-admin-element.ts';

const STATUSES: JobStatus[] = ['dead', 'pending', 'running', 'done'];

/**
 * `<kiban-job-admin>`: background jobs for administrators — how many wait, run, are done or
 * failed for good, the jobs of one status with their last error, and retry for a failed one.
 */
export class KibanJobAdmin extends StaffAdminElement {
  static override properties = {
    shown: { state: true },
    counts: { state: true },
    jobs: { state: true },
    message: { state: true },
  };

  declare shown: JobStatus;
  declare counts: Record<JobStatus, number> | undefined;
  declare jobs: JobView[];
  declare message: string;

  constructor() {
    super();
    this.shown = 'dead';
    this.jobs = [];
    this.message = '';
  }

  protected async fetch(): Promise<void> {
    const { counts, items } = await fetchJobs(this.shown, this.options);
    this.counts = counts;
    this.jobs = items;
  }

  private async show(status: JobStatus): Promise<void> {
    this.shown = status;
    this.message = '';
    await this.reload();
  }

  private async retry(job: JobView): Promise<void> {
    try {
      await retryJob(job.id, this.options);
      this.message = `${this.say('jobs.retried')}: ${job.name}`;
    } catch (error) {
      this.message =
        error instanceof ApiProblemError && error.problem.detail ? error.problem.detail : this.say('page.loadFailed');
    }
    await this.reload();
  }

  override render() {
    const notice = this.statusNotice('jobs.denied');
    if (notice) return notice;
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
