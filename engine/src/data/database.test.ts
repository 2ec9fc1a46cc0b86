import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DatabaseHandle, startEmbeddedPostgres } from './database.ts';

describe('the embedded PGlite endpoint', () => {
  let dataDir: string;
  let handle: DatabaseHandle;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kiban-embedded-'));
    handle = await startEmbeddedPostgres(join(dataDir, 'data'));
  });
  afterAll(async () => {
    await handle?.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('listens on a Unix socket only this OS user can reach, and on no TCP port', async () => {
    const url = new URL(handle.url);
    const socketDir = decodeURIComponent(url.hostname);
    expect(socketDir.startsWith('/')).toBe(true);
    expect((await stat(socketDir)).mode & 0o777).toBe(0o700);
    const socket = await stat(join(socketDir, '.s.PGSQL.5432'));
    expect(socket.isSocket()).toBe(true);
    expect(socket.mode & 0o777).toBe(0o600);
    expect(url.port).toBe('');

    // The URL really leads to PGlite (the WASM build), not to some server on the default
    // port, both for pg and for the ORM that reads the URL on its own.
    const client = new pg.Client({ connectionString: handle.url });
    await client.connect();
    try {
      const { rows } = await client.query<{ version: string }>('select version()');
      expect(rows[0].version).toMatch(/emscripten|wasm|emcc/i);
    } finally {
      await client.end();
    }
    const orm = await MikroORM.init({ entities: [], discovery: { warnWhenNoEntities: false }, clientUrl: handle.url });
    try {
      const [row] = await orm.em.getConnection().execute<{ version: string }[]>('select version()');
      expect(row.version).toMatch(/emscripten|wasm|emcc/i);
    } finally {
      await orm.close();
    }
  });

  it('removes the socket directory when closed', async () => {
    const other = await startEmbeddedPostgres(join(dataDir, 'other'));
    const socketDir = decodeURIComponent(new URL(other.url).hostname);
    await other.close();
    await expect(stat(socketDir)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
