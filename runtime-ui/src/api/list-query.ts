import type { Filter, ViewMetadata } from '../metadata/index.ts';

/** What the resident chose on top of the view: filter values, a sort column, the page. */
export interface ListState {
  /** Field → operator → value, merged over the view's own filter. */
  filter: Filter;
  sort?: { field: string; direction: 'asc' | 'desc' };
  /** `nextCursor` of the previous page; absent for the first page. */
  cursor?: string;
}

/**
 * The query string of `GET /api/data/:entity` for a view: its fixed filter with the resident's
 * filters, its sort (or the column the resident sorted by), its page size and the cursor.
 */
export function listQuery(view: ViewMetadata, state: ListState): URLSearchParams {
  const params = new URLSearchParams();
  const filter: Filter = { ...view.filter };
  for (const [field, operators] of Object.entries(state.filter)) filter[field] = { ...filter[field], ...operators };
  for (const [field, operators] of Object.entries(filter)) {
    for (const [op, value] of Object.entries(operators)) {
      params.set(`filter[${field}][${op}]`, Array.isArray(value) ? value.join(',') : String(value));
    }
  }
  const sort = state.sort ? [state.sort] : (view.sort ?? []);
  if (sort.length > 0) {
    params.set('sort', sort.map(({ field, direction }) => (direction === 'desc' ? `-${field}` : field)).join(','));
  }
  if (view.pageSize !== undefined) params.set('limit', String(view.pageSize));
  if (state.cursor) params.set('cursor', state.cursor);
  return params;
}
