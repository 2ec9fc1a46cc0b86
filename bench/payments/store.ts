import pg from 'pg';
import { MIGRATIONS } from '../../plugins/payments/src/storage/migrations.ts';
import type { Store } from '../../plugins/payments/src/storage/sql.ts';
import { poolStore } from '../../plugins/payments/test/direct-store.ts';

/** The payments plugin's tables on a bench database, behind the plugin's own `Store`. */
export async function openPaymentsStore(url: string, connections: number): Promise<Store & { close(): Promise<void> }> {
  const pool = new pg.Pool({
    connectionString: url,
    max: connections,
    options: '-c search_path=plugin_payments,public',
  });
  pool.on('error', () => {});
  await pool.query('create schema plugin_payments');
  for (const migration of MIGRATIONS) await pool.query(`begin; ${migration.sql}; commit`);
  return {
    ...poolStore(pool),
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
