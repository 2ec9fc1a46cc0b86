import pg from 'pg';
import { CAMPAIGN_SCHEMA } from '../../plugins/payments/src/storage/campaign-schema.ts';
import { COUPON_SCHEMA } from '../../plugins/payments/src/storage/coupon-schema.ts';
import { LEDGER_SCHEMA } from '../../plugins/payments/src/storage/ledger-schema.ts';
import type { Sql, Store } from '../../plugins/payments/src/storage/sql.ts';

/** The payments plugin's tables on a bench database, behind the plugin's own `Store`. */
export async function openPaymentsStore(url: string, connections: number): Promise<Store & { close(): Promise<void> }> {
  const pool = new pg.Pool({
    connectionString: url,
    max: connections,
    options: '-c search_path=plugin_payments,public',
  });
  pool.on('error', () => {});
  await pool.query('create schema plugin_payments');
  for (const migration of [LEDGER_SCHEMA, COUPON_SCHEMA, CAMPAIGN_SCHEMA])
    await pool.query(`begin; ${migration}; commit`);
  const wrap = (client: pg.Pool | pg.PoolClient): Sql => ({
    async query<R>(text: string, params: unknown[] = []) {
      const result = await client.query(text, params);
      return { rows: result.rows as R[], rowCount: result.rowCount ?? 0 };
    },
  });
  return {
    sql: wrap(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query('begin');
        const result = await work(wrap(client));
        await client.query('commit');
        return result;
      } catch (error) {
        await client.query('rollback');
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** Runs `count` tasks with `concurrency` in flight; answers the elapsed milliseconds. */
export async function runConcurrently(count: number, concurrency: number, task: (index: number) => Promise<void>) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const index = next;
        next += 1;
        await task(index);
      }
    }),
  );
  return performance.now() - started;
}
