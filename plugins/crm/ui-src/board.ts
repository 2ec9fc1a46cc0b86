import { html, nothing } from 'lit';
import { io, type Socket } from 'socket.io-client';
import { BASE, getJson, problemText, queryString } from './api.ts';
import { dateTime } from './format.ts';
import { StaffElement } from './page-element.ts';

interface Board {
  total: number;
  overdue: number;
  byState: Record<string, number>;
  byDepartment: Record<string, number>;
  byAge: Record<string, number>;
  cases: Array<{ id: string; subject: string; status: string; department: string; dueAt?: string; overdue: boolean }>;
  applications: {
    total: number;
    byStatus: Record<string, number>;
    bySystem: Record<string, number>;
  };
}

/** Many changes in a burst cost one reload. */
const RELOAD_DELAY_MS = 500;

/**
 * `<crm-board>`, the manager's view (#50): cases across departments counted by state,
 * department and age, overdue ones first, filtered by department and state, with a CSV of the
 * same filter; each count links to the case list filtered the same way (the drill-down). It
 * joins the `crm.cases` board room and reloads as cases move.
 */
export class CaseBoard extends StaffElement {
  static override properties = {
    board: { state: true },
    department: { state: true },
    status: { state: true },
    error: { state: true },
  };

  declare board: Board | undefined;
  declare department: string;
  declare status: string;
  declare error: string;
  private socket: Socket | undefined;
  private reload: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.department = '';
    this.status = '';
    this.error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
    this.socket = io({ path: '/realtime', transports: ['websocket'], withCredentials: true });
    this.socket.on('connect', () => this.socket?.emit('kiban:join', { channel: 'crm.cases', room: 'board' }));
    this.socket.on('kiban:message', () => {
      clearTimeout(this.reload);
      this.reload = setTimeout(() => void this.load(), RELOAD_DELAY_MS);
    });
  }

  override disconnectedCallback(): void {
    clearTimeout(this.reload);
    this.socket?.disconnect();
    this.socket = undefined;
    super.disconnectedCallback();
  }

  private query(): string {
    return queryString({ department: this.department || undefined, status: this.status || undefined });
  }

  private async load(): Promise<void> {
    try {
      this.board = await getJson<Board>(`${BASE}/cases/board${this.query()}`, this.language);
      this.error = '';
    } catch (error) {
      this.error = problemText(error, this.t.failed);
    }
  }

  private filter(event: Event): void {
    event.preventDefault();
    const values = new FormData(event.target as HTMLFormElement);
    this.department = String(values.get('department') ?? '').trim();
    this.status = String(values.get('status') ?? '');
    void this.load();
  }

  /** The case list filtered as this board is, narrowed to one count's cases: the drill-down. */
  private drillDown(dimension: string, value: string): string {
    const query = { department: this.department || undefined, status: this.status || undefined, [dimension]: value };
    return `/staff/plugins/crm/cases${queryString(query)}`;
  }

  private counts(
    id: string,
    caption: string,
    counts: Record<string, number>,
    labels: Record<string, string> = {},
    dimension?: string,
  ) {
    const t = this.t;
    return html`<table id=${id}>
      <caption>${caption}</caption>
      <thead><tr><th scope="col">${caption}</th><th scope="col">${t.total}</th></tr></thead>
      <tbody>
        ${Object.entries(counts).map(
          ([key, count]) => html`<tr>
            <th scope="row">${labels[key] ?? key}</th>
            <td>
              ${
                dimension
                  ? html`<a href=${this.drillDown(dimension, key)}
                      aria-label=${t.showCases(labels[key] ?? key, count.toLocaleString())}>${count.toLocaleString()}</a>`
                  : count.toLocaleString()
              }
            </td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  protected override render() {
    const t = this.t;
    const board = this.board;
    return html`<form role="search" aria-labelledby="crm-board-filter" @submit=${this.filter}>
        <h2 id="crm-board-filter">${t.filters}</h2>
        <label for="crm-board-department">${t.department}</label>
        <input id="crm-board-department" name="department" .value=${this.department} />
        <label for="crm-board-status">${t.status}</label>
        <select id="crm-board-status" name="status">
          <option value="">${t.anyone}</option>
          ${Object.entries(t.statuses).map(([value, label]) => html`<option value=${value} ?selected=${value === this.status}>${label}</option>`)}
        </select>
        <button type="submit">${t.apply}</button>
        <a href=${`${BASE}/cases/export.csv${this.query()}`} download>${t.exportCsv}</a>
      </form>
      ${this.error ? html`<p role="alert">${this.error}</p>` : nothing}
      ${
        board
          ? html`<p role="status">${t.total}: ${board.total.toLocaleString()} / ${t.overdue}:
              <a href=${this.drillDown('overdue', 'true')}>${board.overdue.toLocaleString()}</a></p>
            <div class="crm-counts">
              ${this.counts('crm-by-state', t.byState, board.byState, t.statuses, 'status')}
              ${this.counts('crm-by-department', t.byDepartment, board.byDepartment, {}, 'department')}
              ${this.counts('crm-by-age', t.byAge, board.byAge, t.ages, 'age')}
            </div>
            <section aria-labelledby="crm-applications-heading">
              <h2 id="crm-applications-heading">${t.applications}</h2>
              <p>${t.total}: ${board.applications.total.toLocaleString()}</p>
              <div class="crm-counts">
                ${this.counts('crm-applications-status', t.applicationsByStatus, board.applications.byStatus)}
                ${this.counts('crm-applications-system', t.applicationsBySystem, board.applications.bySystem)}
              </div>
            </section>
            <section aria-labelledby="crm-worst-heading">
              <h2 id="crm-worst-heading">${t.worstFirst}</h2>
              <ol>
                ${board.cases.map(
                  (row) => html`<li>
                    <a href=${`/staff/plugins/crm/cases?case=${row.id}`}>${row.subject}</a>
                    ${t.statuses[row.status] ?? row.status} ${row.department} ${dateTime(row.dueAt, this.language, this.calendar)}
                    ${row.overdue ? html`<strong>${t.overdue}</strong>` : nothing}
                  </li>`,
                )}
              </ol>
            </section>`
          : nothing
      }
      <crm-duplicates .language=${this.language}
        .calendar=${this.calendar} .principal=${this.principal}></crm-duplicates>`;
  }
}
