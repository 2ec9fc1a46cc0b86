import { html, nothing } from 'lit';
import { BASE, getJson, problemText, send } from './api.ts';
import { StaffElement } from './page-element.ts';

interface SavedFilter {
  id: string;
  name: string;
  query: string;
  sharedDepartment: string | null;
  mine: boolean;
}

/**
 * `<crm-saved-filters>`, the named filters of the case list kept on the server: one's own and
 * those colleagues shared with the department, each opening the list with its query (the
 * `filter-chosen` event carries it); the current list's filters saved under a name, optionally
 * shared; one's own renamed or deleted. The server checks the role, the owner and the query.
 */
export class SavedFilters extends StaffElement {
  static override properties = {
    query: { attribute: false },
    items: { state: true },
    renaming: { state: true },
    message: { state: true },
  };

  /** The case list's current query, without `?`. */
  declare query: string;
  declare items: SavedFilter[];
  declare renaming: string | null;
  declare message: string;

  constructor() {
    super();
    this.query = '';
    this.items = [];
    this.renaming = null;
    this.message = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.items = (await getJson<{ items: SavedFilter[] }>(`${BASE}/cases/filters`, this.language)).items;
    } catch (error) {
      this.message = problemText(error, this.t.failed);
    }
  }

  private async change(work: () => Promise<unknown>, done: string): Promise<void> {
    try {
      await work();
      this.message = done;
      this.renaming = null;
      await this.load();
    } catch (error) {
      this.message = problemText(error, this.t.failed);
    }
  }

  private save(event: Event): void {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const values = new FormData(form);
    const body = { name: String(values.get('name') ?? ''), query: this.query, shared: values.get('shared') === 'on' };
    void this.change(() => send('POST', `${BASE}/cases/filters`, body, this.language), this.t.filterSaved).then(() =>
      form.reset(),
    );
  }

  private rename(event: Event, id: string): void {
    event.preventDefault();
    const name = String(new FormData(event.target as HTMLFormElement).get('name') ?? '');
    void this.change(() => send('PATCH', `${BASE}/cases/filters/${id}`, { name }, this.language), this.t.filterRenamed);
  }

  private deleteFilter(item: SavedFilter): void {
    void this.change(
      () => send('DELETE', `${BASE}/cases/filters/${item.id}`, undefined, this.language),
      this.t.filterDeleted,
    );
  }

  private choose(event: MouseEvent, item: SavedFilter): void {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    this.dispatchEvent(new CustomEvent('filter-chosen', { detail: { query: item.query }, bubbles: true }));
  }

  private entry(item: SavedFilter) {
    const t = this.t;
    if (this.renaming === item.id) {
      return html`<form @submit=${(event: Event) => this.rename(event, item.id)}>
        <label for=${`crm-rename-${item.id}`}>${t.filterName}</label>
        <input id=${`crm-rename-${item.id}`} name="name" required maxlength="80" .value=${item.name} />
        <button type="submit">${t.rename}</button>
        <button type="button" @click=${() => (this.renaming = null)}>${t.cancel}</button>
      </form>`;
    }
    return html`<a href=${`?${item.query}`} @click=${(event: MouseEvent) => this.choose(event, item)}>${item.name}</a>
      ${item.sharedDepartment ? html`<span>(${t.sharedWith(item.sharedDepartment)})</span>` : nothing}
      ${
        item.mine
          ? html`<button type="button" aria-label=${t.renameFilter(item.name)} @click=${() => (this.renaming = item.id)}>
                ${t.rename}
              </button>
              <button type="button" aria-label=${t.deleteFilter(item.name)} @click=${() => this.deleteFilter(item)}>
                ${t.delete}
              </button>`
          : nothing
      }`;
  }

  protected override render() {
    const t = this.t;
    return html`<section aria-labelledby="crm-saved-heading">
      <h2 id="crm-saved-heading">${t.savedFilters}</h2>
      ${this.items.length === 0 ? html`<p>${t.none}</p>` : html`<ul>${this.items.map((item) => html`<li>${this.entry(item)}</li>`)}</ul>`}
      <form @submit=${this.save}>
        <label for="crm-save-filter-name">${t.filterName}</label>
        <input id="crm-save-filter-name" name="name" required maxlength="80" />
        <input type="checkbox" id="crm-save-filter-shared" name="shared" />
        <label for="crm-save-filter-shared">${t.shareWithDepartment}</label>
        <button type="submit">${t.saveFilter}</button>
      </form>
      <p role="status">${this.message}</p>
    </section>`;
  }
}
