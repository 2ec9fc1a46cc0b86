import { definePlugin, type PluginContext } from '@kiban/sdk';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestEngine, type TestEngine, testDatabaseKinds } from '../testing/index.ts';

const ledger = definePlugin({
  name: 'ledger',
  version: '1.0.0',
  storage: { migrations: [{ id: '001', sql: 'create table entry (body text not null)' }] },
});

const archive = definePlugin({
  name: 'archive',
  version: '1.0.0',
  storage: { migrations: [{ id: '001', sql: 'create table entry (kept text not null)' }] },
});

const MARKER = "select 'standalone-marker' as marker, current_setting('search_path') as path";

/** Every message `pg` clients send meanwhile, with the client that sent it. */
function recordMessages(): { client: unknown; text: string }[] {
  const sent: { client: unknown; text: string }[] = [];
  const query = pg.Client.prototype.query;
  vi.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args: unknown[]) {
    const [first] = args as [string | { text?: string }];
    sent.push({ client: this, text: typeof first === 'string' ? first : String(first?.text) });
    return (query as (...params: unknown[]) => unknown).apply(this, args) as never;
  });
  return sent;
}

/** The messages sent on the connection that carried `text`, from its start. */
function onConnectionOf(sent: { client: unknown; text: string }[], text: string): string[] {
  const at = sent.findIndex((each) => each.text === text);
  return sent.filter((each) => each.client === sent[at]?.client).map((each) => each.text);
}

describe.each(testDatabaseKinds())('a plugin statement outside any transaction on %s', (kind) => {
  let host: TestEngine;
  let ctx: PluginContext;
  let other: PluginContext;

  beforeAll(async () => {
    host = await startTestEngine(kind, [], {}, { plugins: [ledger, archive], log: () => {} });
    ctx = host.engine.plugins.context('ledger');
    other = host.engine.plugins.context('archive');
  });
  afterAll(() => host?.close());
  afterEach(() => vi.restoreAllMocks());

  /** Every engine connection (ten), busy at once, resolves names as the engine expects. */
  async function engineConnectionsKeepTheirPath(): Promise<void> {
    const engineSql = host.engine.live().sql();
    const paths = await Promise.all(
      Array.from({ length: 10 }, () =>
        engineSql.query<{ path: string }>("select current_setting('search_path') as path, pg_sleep(0.05)"),
      ),
    );
    for (const [row] of paths) expect(row?.path).not.toMatch(/plugin_|leaked/);
  }

  if (kind === 'postgres') {
    it('runs in one round trip on a connection of the plugin that started with its path', async () => {
      const sent = recordMessages();
      const { rows } = await ctx.sql.query<{ path: string }>(MARKER);
      expect(rows[0]?.path).toBe('"plugin_ledger", public');
      // Background work (the job runner, the event bus) uses the engine's connections meanwhile.
      expect(onConnectionOf(sent, MARKER)).toEqual([MARKER]);
      expect(sent.filter((each) => each.text.includes('plugin_ledger'))).toEqual([]);
    });

    it("keeps each plugin's path, and any session setting it makes, to the plugin's own connections", async () => {
      await ctx.sql.query("select set_config('search_path', 'leaked_by_ledger, public', false)");
      const sent = recordMessages();
      const [mine, theirs] = await Promise.all([ctx.sql.query<{ path: string }>(MARKER), other.sql.query(MARKER)]);
      expect(theirs.rows[0]).toEqual({ marker: 'standalone-marker', path: '"plugin_archive", public' });
      // Four pooled connections each: the one that changed its path may or may not be picked.
      expect(['"plugin_ledger", public', 'leaked_by_ledger, public']).toContain(mine.rows[0]?.path);
      const carriers = sent.filter((each) => each.text === MARKER).map((each) => each.client);
      expect(new Set(carriers).size).toBe(2);
      await expect(other.sql.query('select kept from entry')).resolves.toEqual({ rows: [], rowCount: 0 });
      await engineConnectionsKeepTheirPath();
    });

    it('refuses a statement that leaves a transaction open, and rolls it back', async () => {
      await expect(ctx.sql.query("begin; insert into plugin_ledger.entry (body) values ('open')")).rejects.toThrow(
        /left a transaction open/,
      );
      await ctx.sql.query("select set_config('search_path', '\"plugin_ledger\", public', false)");
      expect((await ctx.sql.query('select body from plugin_ledger.entry')).rows).toEqual([]);
      await engineConnectionsKeepTheirPath();
    });
  } else {
    it('runs in three round trips on one connection: begin with the path, the statement, commit', async () => {
      const sent = recordMessages();
      const { rows } = await ctx.sql.query<{ path: string }>(MARKER);
      expect(rows[0]?.path).toBe('"plugin_ledger", public');
      const own = onConnectionOf(sent, MARKER);
      const index = own.indexOf(MARKER);
      expect(own.slice(index - 1, index + 2)).toEqual([
        `begin; select set_config('search_path', '"plugin_ledger", public', true)`,
        MARKER,
        'commit',
      ]);
    });
  }

  it('rolls a failed statement back, answers its error, and hands the connection back with the engine path', async () => {
    await expect(ctx.sql.query("insert into entry (body) values ('kept?'), (null)")).rejects.toThrow(/null/);
    await expect(ctx.sql.query('select * from no_such_table')).rejects.toThrow(/no_such_table/);
    expect((await ctx.sql.query('select body from plugin_ledger.entry')).rows).toEqual([]);
    const inserted = await ctx.sql.query("insert into plugin_ledger.entry (body) values ('kept')");
    expect(inserted.rowCount).toBe(1);
    await engineConnectionsKeepTheirPath();
    expect((await ctx.sql.query<{ body: string }>('select body from plugin_ledger.entry')).rows).toEqual([
      { body: 'kept' },
    ]);
  });
});
