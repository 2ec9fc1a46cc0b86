import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const DEFAULT_SERVER_URL = 'postgresql://postgres@127.0.0.1:5432/test';

export interface BenchDatabase {
  /** Connection URL of the fresh database. */
  url: string;
  drop(): Promise<void>;
}

/**
 * A fresh database on the server, so that a run never meets a previous run's tables, audit
 * rows or bloat, and leaves nothing behind.
 */
export async function createBenchDatabase(serverUrl: string): Promise<BenchDatabase> {
  const name = `kiban_bench_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () => adminQuery(serverUrl, `drop database if exists ${name} with (force)`),
  };
}

async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}
