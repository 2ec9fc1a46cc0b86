import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { fetchRecordPage, listQuery } from '../../api/index.ts';
import { type CalendarPreference, DEFAULT_LANGUAGE, translate } from '../../i18n/index.ts';
import type {
  EntityMetadata,
  FieldDefinition,
  Filter,
  Language,
  RecordData,
  RecordPage,
  ViewMetadata,
} from '../../metadata/index.ts';
import { baseStyles, formatValue, furiganaPairs, localizedText, withFurigana } from '../shared/index.ts';
import { type ColumnView, columnViews, filterOperator } from './columns.ts';
import { renderFilter } from './filter-control.ts';
import { listStyles } from './list-styles.ts';

type Sort = { field: string; direction: 'asc' | 'desc' };

/** What to call the records with these ids, by id, for a reference field. */
export type TitleLookup = (field: FieldDefinition, ids: string[]) => Promise<Record<string, string>>;

/**
 * `<kiban-list>` shows the records of a view: its columns, filter controls for its
 * `filterable` fields, sorting by column and paging by the API's cursor. It fetches
 * `GET {apiBase}/api/data/:entity` with the view's query under the signed-in session.
 */
export class KibanList extends LitElement {
  static override properties = {
    view: { attribute: false },
    entity: { attribute: false },
    referenceTitles: { attribute: false },
    recordHref: { attribute: false },
    titleLookup: { attribute: false },
    language: { reflect: true },
    calendar: {},
    apiBase: { attribute: 'api-base' },
    items: { state: true },
    status: { state: true },
    sort: { state: true },
    filterTexts: { state: true },
    cursors: { state: true },
    nextCursor: { state: true },
  };

  static override styles = [baseStyles, listStyles];

  declare view: ViewMetadata | undefined;
  declare entity: EntityMetadata | undefined;
  /** Titles of referenced records by id, so references read as names rather than ids. */
  declare referenceTitles: Record<string, string>;
  /** Where a record's page is; when given, the first column links to it. */
  declare recordHref: ((record: RecordData) => string) | undefined;
  /** Names referenced records of a page once it is shown; their ids show until it answers. */
  declare titleLookup: TitleLookup | undefined;
  declare language: Language;
  declare calendar: CalendarPreference;
  declare apiBase: string;
  declare items: RecordData[];
  declare status: 'idle' | 'loading' | 'ready' | 'failed';
  declare sort: Sort | undefined;
  /** What the filter inputs hold; applied when the filter form is submitted. */
  declare filterTexts: Record<string, string>;
  /** The cursor of each page shown so far (the first page has none), so Back can return. */
  declare cursors: (string | undefined)[];
  declare nextCursor: string | null;

  private appliedFilter: Filter = {};

  constructor() {
    super();
    this.referenceTitles = {};
    this.language = DEFAULT_LANGUAGE;
    this.calendar = 'japanese';
    this.apiBase = '';
    this.items = [];
    this.status = 'idle';
    this.filterTexts = {};
    this.cursors = [undefined];
    this.nextCursor = null;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('view') || changed.has('entity') || changed.has('apiBase')) && this.view && this.entity) {
      this.appliedFilter = {};
      this.filterTexts = {};
      this.sort = undefined;
      void this.load([undefined]);
    }
  }

  /** Loads the last page of `cursors`; the list keeps showing the old rows until it arrives. */
  private async load(cursors: (string | undefined)[]): Promise<void> {
    const view = this.view as ViewMetadata;
    this.status = 'loading';
    const query = listQuery(view, { filter: this.appliedFilter, sort: this.sort, cursor: cursors.at(-1) });
    let page: RecordPage;
    try {
      page = await fetchRecordPage(view.entity, query, { apiBase: this.apiBase, language: this.language });
      this.items = page.items;
      this.nextCursor = page.nextCursor;
      this.cursors = cursors;
      this.status = 'ready';
    } catch {
      this.status = 'failed';
      return;
    }
    void this.lookUpTitles(page.items);
  }

  private async lookUpTitles(items: RecordData[]): Promise<void> {
    const lookup = this.titleLookup;
    const shown = new Set(this.view?.columns.map((column) => column.field));
    const references = (this.entity?.fields ?? []).filter(
      (field) => field.type === 'reference' && shown.has(field.name),
    );
    for (const field of lookup ? references : []) {
      const ids = new Set(items.map((record) => record[field.name]).filter((id) => typeof id === 'string'));
      const unknown = [...ids].filter((id) => !(id in this.referenceTitles));
      if (unknown.length === 0) continue;
      const titles = await (lookup as TitleLookup)(field, unknown).catch(() => ({}));
      this.referenceTitles = { ...this.referenceTitles, ...titles };
    }
  }

  private onFilter(event: Event): void {
    event.preventDefault();
    const entity = this.entity as EntityMetadata;
    const filter: Filter = {};
    for (const [name, text] of Object.entries(this.filterTexts)) {
      const field = entity.fields.find((candidate) => candidate.name === name);
      if (field && text !== '') filter[name] = { [filterOperator(field)]: text };
    }
    this.appliedFilter = filter;
    void this.load([undefined]);
  }

  private onSort(field: string): void {
    const ascending = this.sort?.field === field && this.sort.direction === 'asc';
    this.sort = { field, direction: ascending ? 'desc' : 'asc' };
    void this.load([undefined]);
  }

  override render() {
    if (!this.view || !this.entity) return nothing;
    const columns = columnViews(this.view, this.entity);
    return html`<section lang=${this.language} aria-labelledby="list-title">
      <h2 id="list-title">${localizedText(this.view.label, this.language)}</h2>
      ${this.renderFilters()}
      <p class="status" role="status">${this.statusText()}</p>
      <table>
        <thead>
          <tr>
            ${columns.map((column) => this.renderHeader(column))}
          </tr>
        </thead>
        <tbody>
          ${this.items.map(
            (record) => html`<tr>${columns.map((column, index) => this.renderCell(column, record, index === 0))}</tr>`,
          )}
        </tbody>
      </table>
      ${this.renderPager()}
    </section>`;
  }

  private statusText(): string {
    if (this.status === 'loading') return translate(this.language, 'list.loading');
    if (this.status === 'failed') return translate(this.language, 'list.loadFailed');
    if (this.status === 'ready' && this.items.length === 0) return translate(this.language, 'list.empty');
    return this.status === 'ready' ? translate(this.language, 'list.showing', { count: this.items.length }) : '';
  }

  private renderFilters() {
    const entity = this.entity as EntityMetadata;
    const fields = (this.view?.filterable ?? [])
      .map((name) => entity.fields.find((field) => field.name === name))
      .filter((field) => field !== undefined);
    if (fields.length === 0) return nothing;
    return html`<form class="filters" @submit=${this.onFilter} aria-labelledby="filters-title">
      <h3 id="filters-title">${translate(this.language, 'list.filters')}</h3>
      <div class="filter-fields">
        ${fields.map((field) =>
          renderFilter(field, this.filterTexts[field.name] ?? '', this.language, (text) => {
            this.filterTexts = { ...this.filterTexts, [field.name]: text };
          }),
        )}
      </div>
      <button type="submit" class="primary">${translate(this.language, 'list.apply')}</button>
    </form>`;
  }

  private renderHeader(column: ColumnView) {
    const sorted = this.sort?.field === column.name ? this.sort.direction : this.viewSortOf(column.name);
    const ariaSort = sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none';
    return html`<th scope="col" aria-sort=${ariaSort}>
      <button type="button" class="sort" @click=${() => this.onSort(column.name)}>
        ${column.label(this.language)}<span aria-hidden="true" class="arrow"
          >${sorted === 'asc' ? '▲' : sorted === 'desc' ? '▼' : ''}</span
        >
      </button>
    </th>`;
  }

  /** Until the resident picks a column, the view's first sort key is the one in force. */
  private viewSortOf(name: string): 'asc' | 'desc' | undefined {
    if (this.sort) return undefined;
    const first = this.view?.sort?.[0];
    return first?.field === name ? first.direction : undefined;
  }

  private renderCell(column: ColumnView, record: RecordData, linked: boolean) {
    const value = formatValue(column.field, record[column.name], this);
    const kanaField = furiganaPairs(this.entity as EntityMetadata).get(column.name);
    const shown = kanaField && typeof value === 'string' ? withFurigana(value, record[kanaField]) : value;
    const href = linked ? this.recordHref?.(record) : undefined;
    return html`<td>${href ? html`<a href=${href}>${shown}</a>` : shown}</td>`;
  }

  private renderPager() {
    const page = this.cursors.length;
    return html`<nav class="pager" aria-label=${translate(this.language, 'list.pages')}>
      <button type="button" ?disabled=${page === 1} @click=${() => this.load(this.cursors.slice(0, -1))}>
        ${translate(this.language, 'list.previous')}
      </button>
      <span>${translate(this.language, 'list.page', { page })}</span>
      <button
        type="button"
        ?disabled=${this.nextCursor === null}
        @click=${() => this.load([...this.cursors, this.nextCursor ?? undefined])}
      >
        ${translate(this.language, 'list.next')}
      </button>
    </nav>`;
  }
}
