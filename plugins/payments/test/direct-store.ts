import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { Sql, Store } from '../src/storage/sql.ts';

/**
 * The plugin's tables in a schema of their own on a fresh database — PGlite in memory, or a
 * database created (and dropped by `close`) on the PostgreSQL server of
 * `KIBAN_TEST_DATABASE_URL` — behind the same `Store` the plugin uses.
 */
export interface TestStore extends Store {
  kind: 'pglite' | 'postgres';
  /** Several statements in one transaction, as a migration runs. */
  script(text: string): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseKind = 'pglite' | 'postgres';

export function databaseKinds(): DatabaseKind[] {
  return process.env.KIBAN_TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

const SCHEMA = 'plugin_payments';

export async function openTestStore(kind: DatabaseKind, migrations: string[]): Promise<TestStore> {
  const store = kind === 'pglite' ? await openPglite() : await openPostgres();
  for (const migration of migrations) await store.script(migration);
  return store;
}

async function openPglite(): Promise<TestStore> {
  const db = await PGlite.create();
  await db.exec(`create schema ${SCHEMA}; set search_path = ${SCHEMA}, public`);
  const wrap = (run: Pick<PGlite, 'query'>): Sql => ({
    async query<R>(text: string, params: unknown[] = []) {
      const result = await run.query<R>(text, params);
      return { rows: result.rows, rowCount: result.rows.length || (result.affectedRows ?? 0) };
    },
  });
  return {
    kind: 'pglite',
    sql: wrap(db),
    transaction: (work) => db.transaction((tx) => work(wrap(tx))),
    async script(text) {
      await db.transaction((tx) => tx.exec(text));
    },
    close: () => db.close(),
  };
}

async function openPostgres(): Promise<TestStore> {
  const serverUrl = process.env.KIBAN_TEST_DATABASE_URL ?? '';
  const name = `payments_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 12, options: `-c search_path=${SCHEMA},public` });
  // A connection the server ends while the database is dropped is expected, not a failure.
  pool.on('error', () => {});
  await pool.query(`create schema ${SCHEMA}`);
  return {
    kind: 'postgres',
    ...poolStore(pool),
    async script(text) {
      await pool.query(`begin; ${text}; commit`);
    },
    async close() {
      await pool.end();
      const cleanup = new pg.Client({ connectionString: serverUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}

/** The plugin's `Store` over a node-postgres pool: each transaction on a connection of its own. */
export function poolStore(pool: pg.Pool): Store {
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
  };
}
