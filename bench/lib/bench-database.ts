import { createServerDatabase } from '../../engine/src/testing/index.ts';

const DEFAULT_SERVER_URL = 'postgresql://postgres@127.0.0.1:5432/test';

/**
 * Runs `work` on a fresh database of the PostgreSQL server in `KIBAN_BENCH_DATABASE_URL`, so a
 * run never meets an earlier run's tables; the database is dropped afterwards, also on failure.
 */
export async function withBenchDatabase(work: (url: string) => Promise<void>): Promise<void> {
  const database = await createServerDatabase(
    process.env.KIBAN_BENCH_DATABASE_URL || DEFAULT_SERVER_URL,
    'kiban_bench',
  );
  console.log(`database ${new URL(database.url).pathname.slice(1)}`);
  try {
    await work(database.url);
  } finally {
    await database.close();
  }
}
