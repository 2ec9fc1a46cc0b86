import { randomUUID } from 'node:crypto';
import type { EntityMetadata, FieldDefinition } from '../metadata/types.ts';
import { columnTypeOf, formatColumnType } from './column-types.ts';
import { type ApiRecord, recordCanonicalizer } from './entity-schema.ts';
import { columnName, quoteIdent, SYSTEM_COLUMN_NAMES, tableName } from './naming.ts';
import type { Sql } from './sql.ts';
import { escapedStringLiteral, jsonbInputLiteral } from './sql-literals.ts';
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
 * recordset, typed by the columns), without the unit of work: a parent's line items are
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
  // Only the columns some row gives: the rest keep their column defaults (null).
  const given = plan.columns.filter(({ field }) => records.some((record) => record[field.name] !== undefined));
  const payload = records.map((record) => {
    const row: Record<string, unknown> = { [SYSTEM_COLUMN_NAMES.id]: record.id };
    for (const { field, column } of given) row[column] = record[field.name] ?? null;
    return row;
  });
  const names = [SYSTEM_COLUMN_NAMES.id, ...given.map(({ column }) => column)].map(quoteIdent);
  const types = ['uuid', ...given.map(({ type }) => type)];
  // The owner and the time are the same for every row: written once, not once per row. The
  // values are inlined (no bind parameters), which spares the driver escaping them character by character.
  const shared = [
    [SYSTEM_COLUMN_NAMES.owner, owner === null ? 'null::uuid' : `${escapedStringLiteral(owner)}::uuid`],
    [SYSTEM_COLUMN_NAMES.createdAt, `${escapedStringLiteral(now)}::timestamptz`],
    [SYSTEM_COLUMN_NAMES.updatedAt, `${escapedStringLiteral(now)}::timestamptz`],
  ] as const;
  const stored = await sql.query<{ id: string; version: number }>(
    `insert into ${plan.table} (${[...names, ...shared.map(([column]) => quoteIdent(column))].join(', ')})
     select ${[...names.map((name) => `r.${name}`), ...shared.map(([, value]) => value)].join(', ')}
     from jsonb_to_recordset(${jsonbInputLiteral(payload)}) as r(${names.map((name, i) => `${name} ${types[i]}`).join(', ')})
     returning id::text as id, version`,
  );
  const versions = new Map(stored.map((row) => [row.id, Number(row.version)]));
  for (const record of records) record.version = versions.get(String(record.id));
  return records;
}
