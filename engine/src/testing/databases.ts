import { randomBytes } from 'node:crypto';
import { cp, mkdir, rm, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { type DatabaseHandle, startEmbeddedPostgres } from '../data/database.ts';

export type TestDatabaseKind = 'pglite' | 'postgres';

const testRoot = resolve(import.meta.dirname, '../../../.kiban/test');
const templateDir = join(testRoot, 'pglite-template');

/** The kinds every data-layer suite runs against: PGlite always, PostgreSQL when configured. */
export function testDatabaseKinds(): TestDatabaseKind[] {
  return process.env.KIBAN_TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

/**
 * PGlite's initdb costs about 4 s; a prepared data dir re-opens in a fraction of that,
 * so every test database is a copy of one template made once per machine.
 */
export async function preparePgliteTemplate(): Promise<string> {
  const marker = join(templateDir, 'PG_VERSION');
  if (await exists(marker)) return templateDir;
  const building = `${templateDir}.${process.pid}`;
  await rm(building, { recursive: true, force: true });
  await mkdir(building, { recursive: true });
  const db = await PGlite.create(building);
  await db.close();
  await rm(templateDir, { recursive: true, force: true });
  await cp(building, templateDir, { recursive: true });
  await rm(building, { recursive: true, force: true });
  return templateDir;
}

/** A fresh, empty database of the given kind; `close()` removes it. */
export async function openTestDatabase(kind: TestDatabaseKind): Promise<DatabaseHandle> {
  if (kind === 'pglite') {
    const id = `kiban_t_${randomBytes(6).toString('hex')}`;
    const template = await preparePgliteTemplate();
    const dir = join(testRoot, id);
    await cp(template, dir, { recursive: true });
    const handle = await startEmbeddedPostgres(dir);
    return {
      ...handle,
      close: async () => {
        await handle.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }
  const serverUrl = process.env.KIBAN_TEST_DATABASE_URL;
  if (!serverUrl) throw new Error('KIBAN_TEST_DATABASE_URL is not set');
  return createServerDatabase(serverUrl, 'kiban_t');
}

/**
 * A fresh database on a PostgreSQL server, so that a run never meets an earlier run's
 * tables; `close()` drops it.
 */
export async function createServerDatabase(serverUrl: string, prefix: string): Promise<DatabaseHandle> {
  const name = `${prefix}_${randomBytes(6).toString('hex')}`;
  await adminQuery(serverUrl, `create database ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    embedded: false,
    close: async () => adminQuery(serverUrl, `drop database if exists ${name} with (force)`),
  };
}

async function adminQuery(serverUrl: string, text: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(text);
  } finally {
    await client.end();
  }
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}
