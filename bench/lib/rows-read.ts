import type { Sql } from '../../engine/src/data/index.ts';

/** Rows each table handed out so far: read by sequential scans and fetched through indexes. */
export type RowsRead = Map<string, number>;

/**
 * PostgreSQL's counters per table (`pg_stat_user_tables`; `pg_stat_statements` is seldom
 * installed). Other sessions report theirs when they have been idle a moment, so a reading
 * waits for `settleMs` first and takes a fresh snapshot.
 */
export async function readRowsRead(sql: Sql, settleMs = 1_500): Promise<RowsRead> {
  await new Promise((resolve) => setTimeout(resolve, settleMs));
  await sql.query('select pg_stat_clear_snapshot()');
  const rows = await sql.query<{ name: string; n: string }>(
    `select relname::text as name, (coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0))::text as n
       from pg_stat_user_tables`,
  );
  return new Map(rows.map((row) => [row.name, Number(row.n)]));
}

/** Rows read between two readings, per request, largest first; tables under 0.05 per request left out. */
export function rowsReadPerRequest(before: RowsRead, after: RowsRead, requests: number): [string, number][] {
  return [...after]
    .map(([name, n]): [string, number] => [name, (n - (before.get(name) ?? 0)) / requests])
    .filter(([, perRequest]) => perRequest >= 0.05)
    .sort((a, b) => b[1] - a[1]);
}
