import { type FilterQuery, raw } from '@mikro-orm/postgresql';
import { pointerOf } from '../metadata/json-pointer.ts';
import type { EntityMetadata, FieldFilter, Filter } from '../metadata/types.ts';
import type { ApiRecord } from './entity-schema.ts';
import { FilterError } from './filter-error.ts';
import { coerceValue } from './filter-values.ts';
import { columnName, quoteIdent, SYSTEM_COLUMN_NAMES, tableName } from './naming.ts';
import { type QueryField, queryFields } from './query-fields.ts';

const ORDERED: Record<string, string> = { eq: '=', ne: '<>', lt: '<', lte: '<=', gt: '>', gte: '>=' };

/**
 * Compiles the `reference.field` keys of a row condition (one step through a many-to-one
 * reference) to `reference in (select id from <target> where …)`, one subquery per reference,
 * so the database answers it with the target's index and the referencing column's. Values are
 * checked against the target field's type and bound; only metadata names become SQL text.
 */
export function compileReferenceFilter(
  entity: EntityMetadata,
  entities: ReadonlyMap<string, EntityMetadata>,
  filter: Filter,
): FilterQuery<ApiRecord> {
  const byReference = new Map<string, [string, FieldFilter][]>();
  for (const [key, operators] of Object.entries(filter)) {
    const [reference, field] = key.split('.');
    byReference.set(reference, [...(byReference.get(reference) ?? []), [field, operators]]);
  }
  const conditions = [...byReference].map(([referenceName, keys]) => {
    const reference = entity.fields.find((field) => field.name === referenceName && field.type === 'reference');
    const target = reference?.target === undefined ? undefined : entities.get(reference.target);
    if (!reference || !target) throw filterProblem([referenceName], 'filter.notAReference', referenceName);
    const fields = queryFields(target);
    const where: string[] = [];
    const params: unknown[] = [];
    for (const [name, operators] of keys) {
      const field = fields.get(name);
      if (!field || field.kind === 'collection' || field.kind === 'json') {
        throw filterProblem([`${referenceName}.${name}`], 'filter.unknownField', `${referenceName}.${name}`);
      }
      const column = `t.${quoteIdent(columnOf(target, name))}`;
      for (const [op, value] of Object.entries(operators)) {
        where.push(comparison(column, field, op, value, params, [`${referenceName}.${name}`, op]));
      }
    }
    const sql = `select t.${quoteIdent(SYSTEM_COLUMN_NAMES.id)} from ${quoteIdent(tableName(target.name))} t where ${where.join(' and ')}`;
    return { [referenceName]: { $in: raw(sql, params) } };
  });
  if (conditions.length === 0) return {};
  return (conditions.length === 1 ? conditions[0] : { $and: conditions }) as FilterQuery<ApiRecord>;
}

function columnOf(entity: EntityMetadata, name: string): string {
  const field = entity.fields.find((each) => each.name === name);
  return field ? columnName(field) : SYSTEM_COLUMN_NAMES[name as keyof typeof SYSTEM_COLUMN_NAMES];
}

function comparison(
  column: string,
  field: QueryField,
  op: string,
  value: unknown,
  params: unknown[],
  at: string[],
): string {
  if (op === 'isNull') return value === true || value === 'true' ? `${column} is null` : `${column} is not null`;
  if (op === 'in') {
    if (!Array.isArray(value) || value.length === 0) throw filterProblem(at, 'filter.invalidValue', at[0]);
    params.push(...value.map((each) => coerced(field, each, at)));
    return `${column} in (${value.map(() => '?').join(', ')})`;
  }
  const operator = ORDERED[op];
  if (!operator) throw filterProblem(at, 'filter.unsupportedOperator', at[0]);
  params.push(coerced(field, value, at));
  return `${column} ${operator} ?`;
}

function coerced(field: QueryField, value: unknown, at: string[]): unknown {
  const result = coerceValue(field, value, undefined);
  if (!result.ok)
    throw new FilterError([{ pointer: pointerOf('filter', ...at), code: result.code, message: result.message }]);
  return result.value;
}

function filterProblem(at: string[], code: string, key: string): FilterError {
  return new FilterError([
    {
      pointer: pointerOf('filter', ...at),
      code,
      message: {
        ja: `行の条件「${key}」は参照.フィールド（1 段）の比較として使えません。`,
        en: `The row condition "${key}" is not a comparison through one reference.`,
      },
    },
  ]);
}
