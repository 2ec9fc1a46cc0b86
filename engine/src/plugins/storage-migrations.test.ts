import { definePlugin, type PluginMigration } from '@kiban/sdk';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../data/index.ts';
import { KibanError } from '../errors.ts';
import { openTestDatabase, testDatabaseKinds } from '../testing/index.ts';
import { keepOpen, startOn } from './plugin-test-support.ts';

const INBOX: PluginMigration = {
  id: '001-inbox',
  sql: `create table inbox (id bigint generated always as identity primary key, body text not null);
        insert into inbox (body) values ('welcome')`,
};
const READ_AT: PluginMigration = { id: '002-read-at', sql: 'alter table inbox add column read_at timestamptz' };

/** Its install hook reads its table: migrations run before the hook, in its transaction. */
const ledger = (migrations: PluginMigration[]) =>
  definePlugin({
    name: 'postal-ledger',
    version: '1.0.0',
    storage: { migrations },
    install: async (ctx) => void (await ctx.sql.query('select body from inbox')),
  });

async function refusal(start: Promise<unknown>): Promise<KibanError> {
  const error = await start.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof KibanError)) throw new Error(`expected the start to fail with a KibanError, got ${error}`);
  return error;
}

describe.each(testDatabaseKinds())('plugin storage migrations on %s', (kind) => {
  let database: DatabaseHandle;
  beforeEach(async () => {
    database = await openTestDatabase(kind);
  });
  afterEach(() => database.close());

  /** Starts an engine with the plugin, runs `work` on its context, and stops it. */
  async function withEngine<T>(
    migrations: PluginMigration[],
    work: (ctx: ReturnType<Awaited<ReturnType<typeof startOn>>['plugins']['context']>) => Promise<T>,
  ): Promise<T> {
    const engine = await startOn(keepOpen(database), [ledger(migrations)]);
    try {
      return await work(engine.plugins.context('postal-ledger'));
    } finally {
      await engine.close();
    }
  }
  const inboxRows = (ctx: Parameters<Parameters<typeof withEngine>[1]>[0]) =>
    ctx.sql.query<{ body: string }>('select body from plugin_postal_ledger.inbox order by id');

  it('applies each migration once, in order, across starts, in the plugin schema', async () => {
    expect((await withEngine([INBOX], inboxRows)).rows).toEqual([{ body: 'welcome' }]);
    // The seed insert ran once: a second start applies nothing again, and a new migration is appended.
    const after = await withEngine([INBOX, READ_AT], async (ctx) => {
      await ctx.sql.query('update inbox set read_at = now()');
      return inboxRows(ctx);
    });
    expect(after.rows).toEqual([{ body: 'welcome' }]);
    const recorded = await withEngine([INBOX, READ_AT], (ctx) =>
      ctx.sql.query("select id, position from kiban_plugin_migration where plugin = 'postal-ledger' order by position"),
    );
    expect(recorded.rows).toEqual([
      { id: '001-inbox', position: 0 },
      { id: '002-read-at', position: 1 },
    ]);
  });

  it('refuses to start when an applied migration was edited, removed or moved', async () => {
    await withEngine([INBOX, READ_AT], async () => undefined);
    const edited = await refusal(startOn(keepOpen(database), [ledger([{ ...INBOX, sql: `${INBOX.sql};` }, READ_AT])]));
    expect(edited.code).toBe('plugin.migrationChanged');
    expect(edited.localized.en).toContain('"001-inbox" of the plugin "postal-ledger" was edited');
    const moved = await refusal(startOn(keepOpen(database), [ledger([READ_AT, INBOX])]));
    expect(moved.code).toBe('plugin.migrationChanged');
    expect(moved.localized.en).toContain('"001-inbox" of the plugin "postal-ledger" was removed or moved');
    const removed = await refusal(startOn(keepOpen(database), [ledger([INBOX])]));
    expect(removed.localized.en).toContain('"002-read-at"');
  });

  it('rolls a failing migration back with everything before it, and names the plugin and migration', async () => {
    const broken: PluginMigration = { id: '002-broken', sql: 'alter table no_such_table add column x int' };
    const failed = await refusal(startOn(keepOpen(database), [ledger([INBOX, broken])]));
    expect(failed.code).toBe('plugin.migrationFailed');
    expect(failed.localized.en).toContain('The plugin "postal-ledger" failed its migration "002-broken"');
    // Nothing of that start was kept: the first migration runs again, once, on the next start.
    expect((await withEngine([INBOX], inboxRows)).rows).toEqual([{ body: 'welcome' }]);
  });
});
