import type { EntityManager } from '@mikro-orm/postgresql';
import { CompiledQuery, type Kysely } from 'kysely';

/** What a statement answered: its rows, and how many rows it touched (or returned). */
export interface RawResult<T> {
  rows: T[];
  rowCount: number;
}

/**
 * Runs SQL with real bind parameters (`$1 …`) in `em`'s transaction when it has one. Without
 * parameters it goes through PostgreSQL's simple protocol, so the text may hold several
 * statements (a migration).
 */
export async function rawQuery<T = Record<string, unknown>>(
  em: EntityManager,
  text: string,
  values: readonly unknown[] = [],
): Promise<RawResult<T>> {
  const client: Kysely<unknown> = em.getTransactionContext() ?? em.getConnection().getClient();
  const result = await client.executeQuery<T>(CompiledQuery.raw(text, [...values]));
  const touched = result.numAffectedRows;
  return { rows: result.rows, rowCount: touched === undefined ? result.rows.length : Number(touched) };
}
