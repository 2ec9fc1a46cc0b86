import type { Sql } from '../../engine/src/data/index.ts';
import { runRound } from '../lib/load.ts';
import { type RowsRead, readRowsRead, rowsReadPerRequest } from '../lib/rows-read.ts';
import { formatTable } from '../lib/table.ts';
import type { EndpointPair } from './endpoints.ts';

const REQUESTS = 300;
/** Idle sessions report their table counters after about ten seconds (PostgreSQL 15+). */
const SETTLE_MS = 11_000;

export interface RowsReadResult {
  name: string;
  generated: [string, number][];
  handWritten: [string, number][];
}

/**
 * Rows PostgreSQL read per request (sequential scans plus index fetches, from
 * `pg_stat_user_tables`), for each side of each endpoint: what a request costs the database,
 * beyond its time. Background work in the same window (the outbox relay) counts too.
 */
export async function measureRowsRead(
  sql: Sql,
  pairs: readonly EndpointPair[],
  concurrency: number,
): Promise<RowsReadResult[]> {
  const results: RowsReadResult[] = [];
  for (const pair of pairs) {
    const side = async (which: 'generated' | 'handWritten', before: RowsRead) => {
      await runRound((i) => pair[which](i), { requests: REQUESTS, concurrency });
      return rowsReadPerRequest(before, await readRowsRead(sql, SETTLE_MS), REQUESTS);
    };
    const generated = await side('generated', await readRowsRead(sql, SETTLE_MS));
    // Both sides create the same rows: clear the first side's before the second, outside the count.
    await pair.afterRound?.();
    const handWritten = await side('handWritten', await readRowsRead(sql, SETTLE_MS));
    await pair.afterRound?.();
    results.push({ name: pair.name, generated, handWritten });
  }
  return results;
}

export function formatRowsRead(results: readonly RowsReadResult[]): string {
  const total = (tables: [string, number][]) => tables.reduce((sum, [, n]) => sum + n, 0).toFixed(1);
  const top = (tables: [string, number][]) =>
    tables
      .slice(0, 3)
      .map(([name, n]) => `${name} ${n.toFixed(1)}`)
      .join(', ') || '—';
  return [
    `rows read per request (pg_stat_user_tables, ${REQUESTS} requests per side)`,
    formatTable(
      ['endpoint', 'gen rows', 'hand rows', 'gen: most read'],
      results.map((result) => [result.name, total(result.generated), total(result.handWritten), top(result.generated)]),
    ),
  ].join('\n');
}
