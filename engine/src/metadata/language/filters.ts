// The filter language (lists, views, row policies) and the form language's conditions.

/** The filter language shared by API list filters, views and row-level policies. */
export const FILTER_OPERATORS = ['eq', 'ne', 'lt', 'lte', 'gt', 'gte', 'in', 'contains', 'isNull'] as const;
export type FilterOperator = (typeof FILTER_OPERATORS)[number];
export type FieldFilter = Partial<Record<FilterOperator, unknown>>;
/** Conjunction of per-field operator sets, e.g. `{ "status": { "in": ["open"] } }`. */
export type Filter = Record<string, FieldFilter>;

/** A condition on form values, used for conditional visibility. */
export type Condition =
  | { field: string; op: FilterOperator; value?: unknown }
  | { all: Condition[] }
  | { any: Condition[] }
  | { not: Condition };
