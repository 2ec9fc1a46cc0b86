import type { FieldFilter, Filter } from '../metadata/types.ts';
import type { Principal } from './principal-row.ts';

/** In a row-level `where`, this value stands for the signed-in principal's id. */
export const USER_PLACEHOLDER = '$user';
/** In a row-level `where`, `"$principal.<attribute>"` stands for that attribute of the signed-in principal. */
export const PRINCIPAL_PLACEHOLDER_PREFIX = '$principal.';

/** What row conditions may read of the principal. */
export type FilterPrincipal = Pick<Principal, 'id' | 'department' | 'attributes'>;

/** The records a row condition's `reference.field` keys reach, by reference field name (null: none). */
export type FilterReferences = Readonly<Record<string, Record<string, unknown> | null | undefined>>;

/**
 * The filter with `"$user"` and every `"$principal.<attribute>"` replaced by the principal's
 * values; null when it names an attribute the principal does not have, so the condition
 * covers no row (deny unless another grant allows).
 */
export function bindPrincipal(filter: Filter, principal: FilterPrincipal): Filter | null {
  let unset = false;
  const bind = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(bind);
    if (value === USER_PLACEHOLDER) return principal.id;
    if (typeof value !== 'string' || !value.startsWith(PRINCIPAL_PLACEHOLDER_PREFIX)) return value;
    const bound = principalAttribute(principal, value.slice(PRINCIPAL_PLACEHOLDER_PREFIX.length));
    if (bound === null) unset = true;
    return bound;
  };
  const bindOperators = (operators: FieldFilter): FieldFilter =>
    operators === null || typeof operators !== 'object'
      ? operators
      : Object.fromEntries(Object.entries(operators).map(([op, value]) => [op, bind(value)]));
  const bound = Object.fromEntries(
    Object.entries(filter).map(([field, operators]) => [field, bindOperators(operators)]),
  );
  return unset ? null : bound;
}

/** `id`, `department`, or an attribute an administrator set; null when unset or empty. */
export function principalAttribute(principal: FilterPrincipal, name: string): string | null {
  const value =
    name === 'id'
      ? principal.id
      : name === 'department'
        ? principal.department
        : Object.hasOwn(principal.attributes, name)
          ? principal.attributes[name]
          : null;
  return typeof value === 'string' && value !== '' ? value : null;
}

/**
 * Whether a record in memory passes an authorization's row filters (null: every row; a list:
 * at least one must match). The engine uses it on input it is about to create, where there
 * is no row in the database yet to filter.
 */
export function matchesRowFilters(
  record: Record<string, unknown>,
  rowFilters: readonly Filter[] | null,
  principal: FilterPrincipal,
  references: FilterReferences = {},
): boolean {
  if (rowFilters === null) return true;
  return rowFilters.some((filter) => {
    const bound = bindPrincipal(filter, principal);
    return bound !== null && matchesFilter(record, bound, references);
  });
}

/** The reference fields a filter's `reference.field` keys go through. */
export function filterReferences(filters: readonly Filter[]): Set<string> {
  return new Set(filters.flatMap((filter) => Object.keys(filter).flatMap((key) => referenceOf(key) ?? [])));
}

/** `request` of `request.ward`; undefined for a plain field. */
export function referenceOf(key: string): string | undefined {
  const dot = key.indexOf('.');
  return dot < 0 ? undefined : key.slice(0, dot);
}

/**
 * One filter (a conjunction) against one record, with SQL's treatment of missing values: a
 * null or absent value passes no comparison, only `isNull`. Unknown operators fail, so a
 * filter this code does not understand never lets a record through.
 */
export function matchesFilter(
  record: Record<string, unknown>,
  filter: Filter,
  references: FilterReferences = {},
): boolean {
  return Object.entries(filter).every(([field, operators]) => {
    if (operators === null || typeof operators !== 'object') return false;
    const reference = referenceOf(field);
    const actual = comparable(
      reference === undefined ? record[field] : references[reference]?.[field.slice(reference.length + 1)],
    );
    return Object.entries(operators).every(([op, expected]) => matchesOperator(op, actual, comparable(expected)));
  });
}

function matchesOperator(op: string, actual: unknown, expected: unknown): boolean {
  if (op === 'isNull') return expected === true ? actual === null : expected === false ? actual !== null : false;
  if (actual === null || expected === null) return false;
  switch (op) {
    case 'eq':
      return equal(actual, expected);
    case 'ne':
      return !equal(actual, expected);
    case 'lt':
      return ordered(actual, expected, (order) => order < 0);
    case 'lte':
      return ordered(actual, expected, (order) => order <= 0);
    case 'gt':
      return ordered(actual, expected, (order) => order > 0);
    case 'gte':
      return ordered(actual, expected, (order) => order >= 0);
    case 'in':
      return Array.isArray(expected) && expected.some((item) => item !== null && equal(actual, comparable(item)));
    case 'contains':
      // Case-insensitive, as the SQL side compiles `contains` to ILIKE.
      if (typeof actual === 'string') {
        return typeof expected === 'string' && actual.toLowerCase().includes(expected.toLowerCase());
      }
      return Array.isArray(actual) && actual.some((item) => equal(comparable(item), expected));
    default:
      return false;
  }
}

/** Dates compare as their ISO text; undefined is a missing value like null. */
function comparable(value: unknown): unknown {
  if (value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'bigint') return value.toString();
  return value;
}

function equal(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const numbers = asNumbers(a, b);
  return numbers !== null && numbers[0] === numbers[1];
}

/** False when the two values have no order between them, as SQL would not compare them either. */
function ordered(a: unknown, b: unknown, test: (order: number) => boolean): boolean {
  const order = compare(a, b);
  return order !== null && test(order);
}

/** Negative, zero or positive; null when the two values have no order between them. */
function compare(a: unknown, b: unknown): number | null {
  const numbers = asNumbers(a, b);
  if (numbers) return numbers[0] - numbers[1];
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  return null;
}

/**
 * Both values as numbers when at least one is a number and the other is one too or numeric
 * text: the database hands decimals and big integers over as strings.
 */
function asNumbers(a: unknown, b: unknown): [number, number] | null {
  if (typeof a !== 'number' && typeof b !== 'number') return null;
  const x = toNumber(a);
  const y = toNumber(b);
  return x === null || y === null ? null : [x, y];
}

function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isNaN(value) ? null : value;
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isNaN(parsed) ? null : parsed;
  }
  return null;
}
