import pg from 'pg';
import { MIGRATIONS } from '../../plugins/payments/src/storage/migrations.ts';
import type { Store } from '../../plugins/payments/src/storage/sql.ts';
import { poolStore } from '../../plugins/payments/test/direct-store.ts';

/**
 * The payments plugin's tables on a bench database, behind the plugin's own `Store`: in
 * `schema`, migrated up to (not including) `before` when given, to measure a change against
 * the tables as they were in the same run.
 */
export async function openPaymentsStore(
  url: string,
  connections: number,
  options: { schema?: string; before?: string } = {},
): Promise<Store & { close(): Promise<void> }> {
  const schema = options.schema ?? 'plugin_payments';
  const pool = new pg.Pool({ connectionString: url, max: connections, options: `-c search_path=${schema},public` });
  pool.on('error', () => {});
  await pool.query(`create schema ${schema}`);
  const upTo = options.before ? MIGRATIONS.findIndex((migration) => migration.id === options.before) : -1;
  for (const migration of upTo < 0 ? MIGRATIONS : MIGRATIONS.slice(0, upTo))
    await pool.query(`begin; ${migration.sql}; commit`);
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
