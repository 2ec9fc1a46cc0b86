import { html, nothing } from 'lit';
import { BASE, getJson, problemText, queryString } from './api.ts';
import { dateTime } from './format.ts';
import { StaffElement } from './page-element.ts';

interface CaseRow {
  id: string;
  subject: string;
  status: string;
  channel: string;
  category: string;
  department: string;
  assignee?: string | null;
  dueAt?: string | null;
  overdue: boolean;
}

const FILTERS = ['status', 'channel', 'category', 'department', 'assignee', 'overdue', 'age'] as const;
type Filters = Partial<Record<(typeof FILTERS)[number], string>>;

/** The filters in the page's address, so that a filtered list can be bookmarked and shared. */
function filtersFrom(search: string): Filters {
  const params = new URLSearchParams(search);
  const filters: Filters = {};
  for (const name of FILTERS) {
    const value = params.get(name);
    if (value) filters[name] = value;
  }
  return filters;
}

/**
 * `<crm-cases>`, the staff page of cases: quick intake, the filters (state, channel, category,
 * department, assignee, past the SLA, and the board's age bucket when drilled down from it), the
 * named filters kept on the server, and the list, most urgent first; a case opens in place
 * (`?case=<id>`, so the address can be shared and Back returns to the list).
 */
export class CaseList extends StaffElement {
  static override properties = {
    rows: { state: true },
    next: { state: true },
    filters: { state: true },
    openCase: { state: true },
    error: { state: true },
  };

  declare rows: CaseRow[];
  declare next: number | null;
  declare filters: Filters;
  declare openCase: string | null;
  declare error: string;

  private readonly onPopState = () => this.readAddress();

  constructor() {
    super();
    this.rows = [];
    this.next = null;
    this.filters = {};
    this.openCase = null;
    this.error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('popstate', this.onPopState);
    this.readAddress();
  }

  override disconnectedCallback(): void {
    window.removeEventListener('popstate', this.onPopState);
    super.disconnectedCallback();
  }

  private readAddress(): void {
    const params = new URLSearchParams(location.search);
    this.openCase = params.get('case');
    this.filters = filtersFrom(location.search);
    if (!this.openCase) void this.load(0);
  }

  private go(query: string): void {
    history.pushState({}, '', `${location.pathname}${query}`);
    this.readAddress();
  }

  /** A link inside the page moves in place; the portal's router would draw the same page again. */
  private follow(event: MouseEvent, query: string): void {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    event.stopPropagation();
    this.go(query);
  }

  private async load(offset: number): Promise<void> {
    try {
      const query = queryString({ ...this.filters, offset: offset > 0 ? String(offset) : undefined });
      const page = await getJson<{ items: CaseRow[]; next: number | null }>(`${BASE}/cases${query}`, this.language);
      this.rows = offset === 0 ? page.items : [...this.rows, ...page.items];
      this.next = page.next;
      this.error = '';
    } catch (error) {
      this.error = problemText(error, this.t.failed);
    }
  }

  private applyFilters(event: Event): void {
    event.preventDefault();
    const values = new FormData(event.target as HTMLFormElement);
    const chosen: Record<string, string | undefined> = {};
    for (const name of FILTERS) {
      const value = String(values.get(name) ?? '').trim();
      chosen[name] = value === '' ? undefined : value;
    }
    if (chosen.assignee === 'me') chosen.assignee = this.principal?.id;
    this.go(queryString(chosen));
  }

  private filterForm() {
    const t = this.t;
    const f = this.filters;
    const select = (name: string, label: string, labels: Record<string, string>) =>
      html`<label for=${`crm-filter-${name}`}>${label}</label>
        <select id=${`crm-filter-${name}`} name=${name}>
          <option value="">${t.anyone}</option>
          ${Object.entries(labels).map(
            ([value, text]) =>
              html`<option value=${value} ?selected=${f[name as keyof Filters] === value}>${text}</option>`,
          )}
        </select>`;
    const mine = this.principal !== undefined && f.assignee === this.principal.id;
    return html`<form class="crm-filters" role="search" aria-labelledby="crm-filters-heading" @submit=${this.applyFilters}>
      <h2 id="crm-filters-heading">${t.filters}</h2>
      ${select('status', t.status, t.statuses)} ${select('channel', t.channel, t.channels)}
      ${select('category', t.category, t.categories)}
      <label for="crm-filter-department">${t.department}</label>
      <input id="crm-filter-department" name="department" .value=${f.department ?? ''} />
      <label for="crm-filter-assignee">${t.assignee}</label>
      <select id="crm-filter-assignee" name="assignee">
        <option value="">${t.anyone}</option>
        <option value="me" ?selected=${mine}>${t.mine}</option>
      </select>
      <div>
        <input type="checkbox" id="crm-filter-overdue" name="overdue" value="true" ?checked=${f.overdue === 'true'} />
        <label for="crm-filter-overdue">${t.overdueOnly}</label>
      </div>
      ${f.age ? html`<input type="hidden" name="age" .value=${f.age} /><p>${t.ageFilter(t.ages[f.age] ?? f.age)}</p>` : nothing}
      <button type="submit">${t.apply}</button>
      <a href=${location.pathname} @click=${(event: MouseEvent) => this.follow(event, '')}>${t.clear}</a>
    </form>`;
  }

  private table() {
    const t = this.t;
    if (this.rows.length === 0) return html`<p>${t.none}</p>`;
    return html`<table>
      <caption>${t.caseList}</caption>
      <thead>
        <tr>
          <th scope="col">${t.subject}</th>
          <th scope="col">${t.status}</th>
          <th scope="col">${t.channel}</th>
          <th scope="col">${t.category}</th>
          <th scope="col">${t.department}</th>
          <th scope="col">${t.assignee}</th>
          <th scope="col">${t.due}</th>
        </tr>
      </thead>
      <tbody>
        ${this.rows.map(
          (row) => html`<tr>
            <th scope="row">
              <a href=${`?case=${row.id}`} @click=${(event: MouseEvent) => this.follow(event, `?case=${row.id}`)}
                >${row.subject}</a
              >
            </th>
            <td>${t.statuses[row.status] ?? row.status}</td>
            <td>${t.channels[row.channel] ?? row.channel}</td>
            <td>${t.categories[row.category] ?? row.category}</td>
            <td>${row.department}</td>
            <td>${row.assignee ?? ''}</td>
            <td>${dateTime(row.dueAt, this.language, this.calendar)} ${row.overdue ? html`<strong>${t.overdue}</strong>` : nothing}</td>
          </tr>`,
        )}
      </tbody>
    </table>`;
  }

  protected override render() {
    const t = this.t;
    if (this.openCase) {
      return html`<p><a href=${location.pathname} @click=${(event: MouseEvent) => this.follow(event, '')}>${t.backToList}</a></p>
        <crm-case-detail .caseId=${this.openCase} .language=${this.language}
        .calendar=${this.calendar} .principal=${this.principal}></crm-case-detail>`;
    }
    return html`<crm-quick-case
        .language=${this.language}
        .calendar=${this.calendar}
        .principal=${this.principal}
        @case-opened=${() => this.load(0)}
      ></crm-quick-case>
      ${this.filterForm()}
      <crm-saved-filters
        .language=${this.language}
        .calendar=${this.calendar}
        .principal=${this.principal}
        .query=${queryString(this.filters).replace(/^\?/, '')}
        @filter-chosen=${(event: CustomEvent<{ query: string }>) => this.go(event.detail.query ? `?${event.detail.query}` : '')}
      ></crm-saved-filters>
      <section aria-labelledby="crm-list-heading">
        <h2 id="crm-list-heading">${t.caseList}</h2>
        ${this.error ? html`<p role="alert">${this.error}</p>` : nothing} ${this.table()}
        ${this.next === null ? nothing : html`<button type="button" @click=${() => this.load(this.next ?? 0)}>${t.more}</button>`}
      </section>`;
  }
}
