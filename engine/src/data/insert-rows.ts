import { randomUUID } from 'node:crypto';
import type { EntityMetadata, FieldDefinition } from '../metadata/types.ts';
import { columnTypeOf, formatColumnType } from './column-types.ts';
import { type ApiRecord, recordCanonicalizer } from './entity-schema.ts';
import { columnName, quoteIdent, SYSTEM_COLUMN_NAMES, tableName } from './naming.ts';
import type { Sql } from './sql.ts';
import { canonicalUuid } from './values.ts';

/** What inserting needs of an entity, worked out once per entity of a generation. */
interface InsertPlan {
  table: string;
  columns: { field: FieldDefinition; column: string; type: string }[];
  defaults: [string, unknown][];
  canonicalize: (row: ApiRecord) => void;
}

const plans = new WeakMap<EntityMetadata, InsertPlan>();

function planOf(entity: EntityMetadata): InsertPlan {
  let plan = plans.get(entity);
  if (!plan) {
    const columns: InsertPlan['columns'] = [];
    const defaults: [string, unknown][] = [];
    for (const field of entity.fields) {
      const type = columnTypeOf(field);
      if (!type) continue;
      columns.push({ field, column: columnName(field), type: formatColumnType(type) });
      if (field.default !== undefined && field.default !== null) defaults.push([field.name, field.default]);
    }
    plan = {
      table: quoteIdent(tableName(entity.name)),
      columns,
      defaults,
      canonicalize: recordCanonicalizer(entity.fields),
    };
    plans.set(entity, plan);
  }
  return plan;
}

/** A field's default as the column's default stores it (see `defaultLiteral`). */
function defaultValue(field: FieldDefinition | undefined, value: unknown): unknown {
  if (field?.type === 'reference') return canonicalUuid(value) ?? value;
  return typeof value === 'object' ? structuredClone(value) : value;
}

/**
 * Inserts new records of one entity in a single statement (the rows travel as one JSON
 * parameter, typed by the columns), without the unit of work: a parent's line items are
 * written at once. Each row is completed in place as a read would return it — id, owner,
 * timestamps, version, the fields' defaults and canonical values — and the rows are returned.
 * The caller has validated the values; the database still enforces every constraint.
 */
export async function insertRows(
  sql: Sql,
  entity: EntityMetadata,
  rows: readonly Record<string, unknown>[],
  owner: string | null,
): Promise<ApiRecord[]> {
  if (rows.length === 0) return [];
  const plan = planOf(entity);
  const now = new Date().toISOString();
  const records = rows.map((values): ApiRecord => {
    const record: ApiRecord = {};
    for (const [name, value] of plan.defaults) {
      if (values[name] === undefined)
        record[name] = defaultValue(
          entity.fields.find((field) => field.name === name),
          value,
        );
    }
    for (const { field } of plan.columns) if (values[field.name] !== undefined) record[field.name] = values[field.name];
    plan.canonicalize(record);
    return { ...record, id: randomUUID(), owner, createdAt: now, updatedAt: now };
  });
  const system = [
    [SYSTEM_COLUMN_NAMES.id, 'uuid', 'id'],
    [SYSTEM_COLUMN_NAMES.owner, 'uuid', 'owner'],
    [SYSTEM_COLUMN_NAMES.createdAt, 'timestamptz', 'createdAt'],
    [SYSTEM_COLUMN_NAMES.updatedAt, 'timestamptz', 'updatedAt'],
  ] as const;
  // Only the columns some row gives: the rest keep their column defaults (null).
  const given = plan.columns.filter(({ field }) => records.some((record) => record[field.name] !== undefined));
  const names = [...system.map(([column]) => column), ...given.map(({ column }) => column)].map(quoteIdent);
  const types = [...system.map(([, type]) => type), ...given.map(({ type }) => type)];
  const payload = records.map((record) => {
    const row: Record<string, unknown> = {};
    for (const [column, , property] of system) row[column] = record[property];
    for (const { field, column } of given) row[column] = record[field.name] ?? null;
    return row;
  });
  const stored = await sql.query<{ id: string; version: number }>(
    `insert into ${plan.table} (${names.join(', ')})
     select ${names.map((name) => `r.${name}`).join(', ')}
     from jsonb_to_recordset(?::jsonb) as r(${names.map((name, i) => `${name} ${types[i]}`).join(', ')})
     returning id::text as id, version`,
    [JSON.stringify(payload)],
  );
  const versions = new Map(stored.map((row) => [row.id, Number(row.version)]));
  for (const record of records) record.version = versions.get(String(record.id));
  return records;
}
