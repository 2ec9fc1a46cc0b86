import { isDeepStrictEqual } from 'node:util';
import { columnName, quoteIdent, type Sql, tableName } from '../data/index.ts';
import type { EntityMetadata, FieldDefinition } from '../metadata/index.ts';
import type { DiffEntry } from './item-diff.ts';
import type { DataPlan, ReferenceData, RowKey } from './types.ts';

/** A row as stored: its id and its field values by field name. */
export interface StoredRow {
  id: string;
  values: Record<string, unknown>;
}

/** The entity's stored rows, or none when its table does not exist yet (the package creates it). */
export async function readStoredRows(sql: Sql, entity: EntityMetadata): Promise<StoredRow[]> {
  const table = tableName(entity.name);
  const [exists] = await sql.query<{ found: boolean }>('select to_regclass(?) is not null as found', [
    `public.${table}`,
  ]);
  if (!exists?.found) return [];
  const rows = await sql.query<{ row: Record<string, unknown> | string }>(
    `select to_jsonb(t) as row from ${quoteIdent(table)} t`,
  );
  return rows.map(({ row }) => {
    const columns = (typeof row === 'string' ? JSON.parse(row) : row) as Record<string, unknown>;
    const values: Record<string, unknown> = {};
    for (const field of storedFields(entity)) values[field.name] = columns[columnName(field)] ?? null;
    return { id: String(columns.id), values };
  });
}

export function storedFields(entity: EntityMetadata): FieldDefinition[] {
  return entity.fields.filter((field) => field.type !== 'collection');
}

/** The natural key of a row, in the order the manifest names its fields. */
export function keyOfRow(key: readonly string[], row: Record<string, unknown>): RowKey {
  return Object.fromEntries(key.map((name) => [name, row[name] ?? null]));
}

function keyText(key: RowKey): string {
  return JSON.stringify(Object.values(key));
}

/** Values compare as the column holds them: decimals by number, instants by time. */
function sameValue(field: FieldDefinition, stored: unknown, given: unknown): boolean {
  if (stored === null || given === null || given === undefined) return (stored ?? null) === (given ?? null);
  if (field.type === 'decimal') return Number(stored) === Number(given);
  if (field.type === 'datetime') return Date.parse(String(stored)) === Date.parse(String(given));
  return isDeepStrictEqual(stored, given);
}

/**
 * Rows inserted, updated (with the fields that change) and deleted to make the table hold the
 * package's rows. A partial package never deletes: the rows a full package would delete are
 * listed under `wouldDelete` instead. Fields a row does not give are left as they are.
 */
export function diffRows(
  entity: EntityMetadata,
  data: Pick<ReferenceData, 'key' | 'rows'>,
  stored: readonly StoredRow[],
  partial: boolean,
): { plan: DataPlan; ids: Map<string, string> } {
  const byKey = new Map(stored.map((row) => [keyText(keyOfRow(data.key, row.values)), row]));
  const fields = new Map(storedFields(entity).map((field) => [field.name, field]));
  const plan: DataPlan = {
    entity: entity.name,
    key: [...data.key],
    inserted: [],
    updated: [],
    deleted: [],
    wouldDelete: [],
    unchanged: 0,
  };
  const ids = new Map<string, string>();
  const wanted = new Set<string>();
  for (const row of data.rows) {
    const key = keyOfRow(data.key, row);
    const text = keyText(key);
    wanted.add(text);
    const current = byKey.get(text);
    if (!current) {
      plan.inserted.push(key);
      continue;
    }
    ids.set(text, current.id);
    const diff: DiffEntry[] = [];
    for (const [name, value] of Object.entries(row)) {
      const field = fields.get(name);
      if (field && !sameValue(field, current.values[name], value)) {
        diff.push({ op: '~', pointer: `/${name}`, before: current.values[name], after: value });
      }
    }
    if (diff.length > 0) plan.updated.push({ key, diff });
    else plan.unchanged += 1;
  }
  for (const [text, row] of byKey) {
    if (wanted.has(text)) continue;
    ids.set(text, row.id);
    (partial ? plan.wouldDelete : plan.deleted).push(keyOfRow(data.key, row.values));
  }
  return { plan, ids };
}

export function rowKeyText(key: RowKey): string {
  return keyText(key);
}
