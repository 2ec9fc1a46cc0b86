import { definePlugin, type PluginContext } from '@kiban/sdk';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestEngine, type TestEngine, testDatabaseKinds } from '../testing/index.ts';

const ledger = definePlugin({
  name: 'ledger',
  version: '1.0.0',
  storage: { migrations: [{ id: '001', sql: 'create table entry (body text not null)' }] },
});

const MARKER = "select 'standalone-marker' as marker, current_setting('search_path') as path";

describe.each(testDatabaseKinds())('a plugin statement outside any transaction on %s', (kind) => {
  let host: TestEngine;
  let ctx: PluginContext;

  beforeAll(async () => {
    host = await startTestEngine(kind, [], {}, { plugins: [ledger], log: () => {} });
    ctx = host.engine.plugins.context('ledger');
  });
  afterAll(() => host?.close());
  afterEach(() => vi.restoreAllMocks());

  it('runs in three round trips on one connection: begin with the path, the statement, commit', async () => {
    const sent: { client: unknown; text: string }[] = [];
    const query = pg.Client.prototype.query;
    vi.spyOn(pg.Client.prototype, 'query').mockImplementation(function (this: pg.Client, ...args: unknown[]) {
      const [first] = args as [string | { text?: string }];
      sent.push({ client: this, text: typeof first === 'string' ? first : String(first?.text) });
      return (query as (...params: unknown[]) => unknown).apply(this, args) as never;
    });
    const { rows } = await ctx.sql.query<{ path: string }>(MARKER);
    expect(rows[0]?.path).toBe('"plugin_ledger", public');
    // Background work (the job runner, the event bus) may use other connections meanwhile.
    const at = sent.findIndex((each) => each.text === MARKER);
    const own = sent.filter((each) => each.client === sent[at]?.client).map((each) => each.text);
    const index = own.indexOf(MARKER);
    expect(own.slice(index - 1, index + 2)).toEqual([
      `begin; select set_config('search_path', '"plugin_ledger", public', true)`,
      MARKER,
      'commit',
    ]);
  });

  it('rolls a failed statement back, answers its error, and hands the connection back with the engine path', async () => {
    await expect(ctx.sql.query("insert into entry (body) values ('kept?'), (null)")).rejects.toThrow(/null/);
    await expect(ctx.sql.query('select * from no_such_table')).rejects.toThrow(/no_such_table/);
    expect((await ctx.sql.query('select body from entry')).rows).toEqual([]);
    const inserted = await ctx.sql.query("insert into entry (body) values ('kept')");
    expect(inserted.rowCount).toBe(1);
    // Every pooled connection, busy at once, still resolves names as the engine expects.
    const engineSql = host.engine.live().sql();
    const paths = await Promise.all(
      Array.from({ length: 8 }, () =>
        engineSql.query<{ path: string }>("select current_setting('search_path') as path, pg_sleep(0.05)"),
      ),
    );
    for (const [row] of paths) expect(row?.path).not.toContain('plugin_');
    expect((await ctx.sql.query<{ body: string }>('select body from entry')).rows).toEqual([{ body: 'kept' }]);
  });
});
