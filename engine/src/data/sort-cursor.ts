import type { FilterQuery } from '@mikro-orm/postgresql';
import { pointerOf } from '../metadata/json-pointer.ts';
import type { EntityMetadata } from '../metadata/types.ts';
import type { ApiRecord } from './entity-schema.ts';
import { FilterError, type FilterProblem } from './filter-error.ts';
import { coerceValue } from './filter-values.ts';
import { type QueryField, queryFields } from './query-fields.ts';

export interface SortKey {
  field: QueryField;
  direction: 'asc' | 'desc';
}

export interface CompiledSort {
  /** The sort keys in order, ending with `id`, which makes the order total. */
  keys: SortKey[];
  /** MikroORM `orderBy`; NULLs sort as if larger than every value, in both directions. */
  orderBy: Record<string, 'asc nulls last' | 'desc nulls first'>[];
}

/**
 * Compiles `-createdAt,name` (a minus for descending) to a MikroORM orderBy. `id` is always
 * the last key, so rows never tie and keyset pagination neither skips nor repeats a row.
 */
export function compileSort(entity: EntityMetadata, sort = ''): CompiledSort {
  const fields = queryFields(entity);
  const keys: SortKey[] = [];
  const problems: FilterProblem[] = [];
  const tokens = sort
    .split(',')
    .map((t) => t.trim())
    .filter((t) => t !== '');
  for (const token of tokens) {
    const direction = token.startsWith('-') ? 'desc' : 'asc';
    const name = token.replace(/^[-+]/, '');
    const field = fields.get(name);
    const at = pointerOf('sort', name);
    if (!field) {
      problems.push({
        pointer: at,
        code: 'filter.unknownField',
        message: msg(`項目「${name}」はありません。`, `There is no property ${name}.`),
      });
    } else if (field.kind === 'json' || field.kind === 'collection') {
      problems.push({
        pointer: at,
        code: 'filter.unsupportedField',
        message: msg(`項目「${name}」では並べ替えられません。`, `Property ${name} cannot be sorted on.`),
      });
    } else if (keys.some((k) => k.field.name === name)) {
      problems.push({
        pointer: at,
        code: 'filter.duplicateSort',
        message: msg(`項目「${name}」が重複しています。`, `Property ${name} is listed twice.`),
      });
    } else {
      keys.push({ field, direction });
    }
  }
  if (problems.length > 0) throw new FilterError(problems);
  const id = fields.get('id') as QueryField;
  // id is unique, so keys after it never decide anything and are left out.
  if (!keys.some((k) => k.field.name === 'id')) keys.push({ field: id, direction: 'asc' });
  else keys.splice(keys.findIndex((k) => k.field.name === 'id') + 1);
  return {
    keys,
    orderBy: keys.map((k) => ({ [k.field.name]: k.direction === 'asc' ? 'asc nulls last' : 'desc nulls first' })),
  };
}

/** An opaque cursor pointing just after `record` in the given sort order. */
export function encodeCursor(record: ApiRecord, sort: CompiledSort): string {
  const values = sort.keys.map((k) => record[k.field.name] ?? null);
  return Buffer.from(JSON.stringify({ s: signature(sort), v: values })).toString('base64url');
}

/**
 * The filter selecting the rows after the cursor: for keys k1..kn with values v1..vn, a row
 * comes after when it equals v1..vi-1 and comes after vi on key i, for some i.
 */
export function cursorFilter(cursor: string, sort: CompiledSort): FilterQuery<ApiRecord> {
  const values = decodeCursor(cursor, sort);
  const alternatives: Record<string, unknown>[] = [];
  sort.keys.forEach((key, i) => {
    const after = afterValue(key, values[i]);
    if (!after) return;
    const equalBefore = sort.keys.slice(0, i).map((k, j) => ({ [k.field.name]: values[j] }));
    alternatives.push(equalBefore.length === 0 ? after : { $and: [...equalBefore, after] });
  });
  return { $or: alternatives } as FilterQuery<ApiRecord>;
}

/** Rows strictly after `value` on one key, with NULL sorting after every value. */
function afterValue(key: SortKey, value: unknown): Record<string, unknown> | undefined {
  const name = key.field.name;
  if (key.direction === 'asc') {
    if (value === null) return undefined;
    return key.field.nullable ? { $or: [{ [name]: { $gt: value } }, { [name]: null }] } : { [name]: { $gt: value } };
  }
  return value === null ? { [name]: { $ne: null } } : { [name]: { $lt: value } };
}

function decodeCursor(cursor: string, sort: CompiledSort): unknown[] {
  const malformed = (detail?: string) =>
    new FilterError([
      {
        pointer: '/cursor',
        code: 'filter.invalidCursor',
        message: msg(
          'カーソルが正しくありません。最初のページから読み直してください。',
          `The cursor is not valid${detail ? ` (${detail})` : ''}; start again from the first page.`,
        ),
      },
    ]);
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw malformed();
  }
  const { s, v } = (decoded ?? {}) as { s?: unknown; v?: unknown };
  if (s !== signature(sort)) throw malformed('it belongs to another sort order');
  if (!Array.isArray(v) || v.length !== sort.keys.length) throw malformed();
  return v.map((raw, i) => {
    const key = sort.keys[i] as SortKey;
    if (raw === null && key.field.nullable) return null;
    const coerced = coerceValue(key.field, raw, undefined);
    if (!coerced.ok) throw malformed();
    return coerced.value;
  });
}

function signature(sort: CompiledSort): string {
  return sort.keys.map((k) => `${k.direction === 'desc' ? '-' : ''}${k.field.name}`).join(',');
}

function msg(ja: string, en: string) {
  return { ja, en };
}
