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

  it("keeps a connection's Parse and Bind together while another connection runs a query", async () => {
    const [first, second] = [0, 1].map(() => new pg.Client({ connectionString: handle.url }));
    await Promise.all([first.connect(), second.connect()]);
    try {
      // Hold back everything the first client sends after its Parse, so that the second
      // client's whole query arrives in between: exactly the interleaving of a busy server.
      type Write = (chunk: Buffer, ...rest: unknown[]) => boolean;
      const stream = (first as unknown as { connection: { stream: { write: Write } } }).connection.stream;
      const write: Write = stream.write.bind(stream);
      const held: Buffer[] = [];
      let holding = false;
      stream.write = (chunk, ...rest) => {
        if (holding) {
          held.push(chunk);
          return true;
        }
        if (chunk[0] === 'P'.charCodeAt(0)) holding = true;
        return write(chunk, ...rest);
      };
      const firstAnswer = first.query<{ a: number }>('select $1::int as a', [1]);
      await new Promise((resolve) => setTimeout(resolve, 100));
      const secondAnswer = second.query<{ b: string }>('select $1::text as b', ['two']);
      await new Promise((resolve) => setTimeout(resolve, 100));
      holding = false;
      for (const chunk of held) write(chunk);
      const [{ rows: a }, { rows: b }] = await Promise.all([firstAnswer, secondAnswer]);
      // Without the fix the first client silently gets the second one's statement: [{ b: '1' }].
      expect(a).toEqual([{ a: 1 }]);
      expect(b).toEqual([{ b: 'two' }]);
    } finally {
      await Promise.all([first.end(), second.end()]);
    }
  });
});
