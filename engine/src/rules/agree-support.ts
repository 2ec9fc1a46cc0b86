import type pg from 'pg';
import { type ApiRecord, columnName, quoteIdent, tableName } from '../data/index.ts';
import type { EntityMetadata } from '../metadata/types.ts';

/** Inserts records with bound parameters; JSON goes as text, since pg would send an array as a PostgreSQL array. */
export async function insert(client: pg.Client, entity: EntityMetadata, records: ApiRecord[]): Promise<void> {
  const fields = entity.fields.filter((each) => each.type !== 'collection');
  const columns = ['id', ...fields.map((each) => columnName(each))].map(quoteIdent).join(', ');
  for (const record of records) {
    const values = [record.id, ...fields.map((each) => toParameter(each.type, record[each.name]))];
    const placeholders = values.map((_, i) => `$${i + 1}`).join(', ');
    await client.query(
      `insert into ${quoteIdent(tableName(entity.name))} (${columns}) values (${placeholders})`,
      values,
    );
  }
}

function toParameter(type: string, value: unknown): unknown {
  return type === 'json' && value !== null && value !== undefined ? JSON.stringify(value) : value;
}

export function carOf(residents: ApiRecord[], position: number, index: number): ApiRecord {
  const id = `00000000-0000-4000-9000-${String(index).padStart(12, '0')}`;
  return { id, plate: `品川 ${index}`, resident: residents[position % residents.length]?.id ?? null };
}
