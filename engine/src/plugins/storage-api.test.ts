import { type Actor, definePlugin, isPluginError, type PluginContext, type PluginDefinition } from '@kiban/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawQuery } from '../data/index.ts';
import { startTestEngine, type TestEngine, testDatabaseKinds } from '../testing/index.ts';
import { metadataDir, NOTE_ENTITY } from './plugin-test-support.ts';
import { currentTransaction } from './transaction-context.ts';

const SYSTEM: Actor = { kind: 'system' };
const HELLO = { fact: 'title', op: 'in', value: ['hello', 'hello again'] };
const HELLO_NOTES = {
  kind: 'rule',
  name: 'hello-notes',
  label: { ja: '挨拶' },
  entity: 'Note',
  use: 'segment',
  condition: HELLO,
};

/** A plugin whose own `inbox` table receives notes; `rival` has a table of the same name. */
function inboxPlugin(name: string, metadata: string[]): PluginDefinition {
  return definePlugin({
    name,
    version: '1.0.0',
    metadata,
    storage: {
      migrations: [
        { id: '001', sql: `create table inbox (note_id uuid, owner_id uuid, body text not null)` },
        { id: '002', sql: `insert into inbox (body) values ('${name}')` },
      ],
    },
  });
}

async function refusalCode(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isPluginError(error)) throw new Error(`expected a PluginError, got ${error}`);
  return error.code;
}

describe.each(testDatabaseKinds())('plugin storage API on %s', (kind) => {
  let host: TestEngine;
  let ctx: PluginContext;
  let rival: PluginContext;

  beforeAll(async () => {
    const metadata = await metadataDir([NOTE_ENTITY, HELLO_NOTES]);
    const plugins = [inboxPlugin('notice-board', [metadata]), inboxPlugin('rival', [])];
    host = await startTestEngine(kind, [], {}, { plugins, log: () => {} });
    ctx = host.engine.plugins.context('notice-board');
    rival = host.engine.plugins.context('rival');
    for (const title of ['hello', 'hello again', 'goodbye']) await ctx.data(SYSTEM).create('Note', { title });
  });
  afterAll(() => host?.close());

  const bodies = async (plugin = ctx) =>
    (await plugin.sql.query<{ body: string }>('select body from inbox order by body')).rows.map((row) => row.body);

  it('resolves unqualified names in the plugin schema first, each plugin its own', async () => {
    expect(await bodies()).toEqual(['notice-board']);
    expect(await bodies(rival)).toEqual(['rival']);
    const { rows } = await ctx.sql.query<{ path: string }>("select current_setting('search_path') as path");
    expect(rows[0]?.path).toBe('"plugin_notice_board", public');
  });

  it('joins ctx.transaction, rolls back with it, and leaves the search path of the engine as it was', async () => {
    const failed = ctx.transaction(SYSTEM, async (data) => {
      await data.create('Note', { title: 'rolled back' });
      const inserted = await ctx.sql.query("insert into inbox (body) values ('rolled back')");
      expect(inserted.rowCount).toBe(1);
      const open = currentTransaction();
      if (!open) throw new Error('no plugin transaction is open');
      const path = await rawQuery<{ path: string }>(open.em, "select current_setting('search_path') as path");
      expect(path.rows[0]?.path).not.toContain('plugin_');
      throw new Error('changed my mind');
    });
    await expect(failed).rejects.toThrow('changed my mind');
    expect(await bodies()).toEqual(['notice-board']);
    expect(await ctx.data(SYSTEM).count('Note', { title: { eq: 'rolled back' } })).toBe(0);
    await ctx.transaction(SYSTEM, () => ctx.sql.query("insert into inbox (body) values ('kept')"));
    expect(await bodies()).toEqual(['kept', 'notice-board']);
    await ctx.sql.query("delete from inbox where body = 'kept'");
  });

  it('embeds a segment in INSERT … SELECT into a plugin table, ids or owners', async () => {
    const segment = await ctx.segments.select('Note', { segment: 'hello-notes' }, { paramOffset: 2 });
    const fanOut = await ctx.sql.query(`insert into inbox (note_id, body) select id, $1 from (${segment.text}) s`, [
      'greeting',
      ...segment.params,
    ]);
    expect(fanOut.rowCount).toBe(2);
    const owners = await ctx.segments.select('Note', HELLO_NOTES, { select: 'owner' });
    const { rows } = await ctx.sql.query<{ n: number }>(
      `select count(distinct owner_id)::int as n from (${owners.text}) s`,
      owners.params,
    );
    // The plugin's system principal wrote all three notes.
    expect(rows[0]?.n).toBe(1);
    const both = await ctx.segments.select('Note', HELLO_NOTES, { select: ['id', 'owner'] });
    const pairs = await ctx.sql.query<{ id: string; owner_id: string }>(both.text, both.params);
    expect(pairs.rowCount).toBe(2);
    expect(new Set(pairs.rows.map((row) => row.owner_id)).size).toBe(1);
    expect(new Set(pairs.rows.map((row) => row.id)).size).toBe(2);
    await ctx.sql.query("delete from inbox where body = 'greeting'");
  });

  it('answers matches as the select does, for every record', async () => {
    const rules = [{ segment: 'hello-notes' }, { ...HELLO_NOTES, name: 'not-hello', condition: { not: HELLO } }];
    const notes = await ctx.data(SYSTEM).list('Note', { limit: 100 });
    for (const rule of rules) {
      const { text, params } = await ctx.segments.select('Note', rule);
      const selected = new Set((await ctx.sql.query<{ id: string }>(text, params)).rows.map((row) => row.id));
      expect(selected.size).toBeGreaterThan(0);
      for (const note of notes)
        expect(await ctx.segments.matches('Note', note.id as string, rule)).toBe(selected.has(note.id as string));
    }
    expect(await ctx.segments.matches('Note', '00000000-0000-4000-8000-000000000000', rules[0])).toBe(false);
  });

  it('prepares many rules once as a matcher that answers as the select does, for every record', async () => {
    const rules = [{ segment: 'hello-notes' }, { ...HELLO_NOTES, name: 'not-hello', condition: { not: HELLO } }];
    const matcher = await ctx.segments.matcher('Note', rules);
    const notes = await ctx.data(SYSTEM).list('Note', { limit: 100 });
    const selected: Set<string>[] = [];
    for (const rule of rules) {
      const { text, params } = await ctx.segments.select('Note', rule);
      selected.push(new Set((await ctx.sql.query<{ id: string }>(text, params)).rows.map((row) => row.id)));
    }
    for (const note of notes) {
      expect(await matcher.matches(note.id as string)).toEqual(selected.map((ids) => ids.has(note.id as string)));
    }
    expect(await matcher.matches('00000000-0000-4000-8000-000000000000')).toEqual([false, false]);
    expect(await (await ctx.segments.matcher('Note', [])).matches(notes[0]?.id as string)).toEqual([]);
  });

  it('refuses bad rules with a PluginError and a clear code', async () => {
    expect(await refusalCode(ctx.segments.select('Note', { segment: 'no-such-rule' }))).toBe('segment.notFound');
    const badFact = { ...HELLO_NOTES, condition: { fact: 'nope', op: 'eq', value: 1 } };
    expect(await refusalCode(ctx.segments.select('Note', badFact))).toBe('segment.invalid');
    expect(await refusalCode(ctx.segments.select('Other', HELLO_NOTES))).toBe('segment.invalid');
    expect(await refusalCode(ctx.segments.select('Note', HELLO_NOTES, { paramOffset: 0 }))).toBe('segment.invalid');
    expect(await refusalCode(ctx.segments.select('Note', HELLO_NOTES, { select: [] }))).toBe('segment.invalid');
    expect(await refusalCode(ctx.segments.select('Note', HELLO_NOTES, { select: ['id', 'name' as 'id'] }))).toBe(
      'segment.invalid',
    );
    expect(await refusalCode(ctx.segments.matches('Note', 'x', { kind: 'view' }))).toBe('segment.invalid');
    expect(await refusalCode(ctx.segments.matcher('Note', [HELLO_NOTES, badFact]))).toBe('segment.invalid');
    expect(await refusalCode(ctx.segments.matcher('Note', [{ segment: 'no-such-rule' }]))).toBe('segment.notFound');
    expect(await refusalCode(ctx.segments.matcher('Note', HELLO_NOTES as never))).toBe('segment.invalid');
    expect(await refusalCode(ctx.segments.matcher('Other', []))).toBe('segment.invalid');
  });

  it('writes audit entries naming the plugin, with the transaction when one is open', async () => {
    const entries = async (action: string) =>
      (
        await ctx.sql.query<{ principal_kind: string; record_ids: string[]; detail: Record<string, unknown> }>(
          'select principal_kind, record_ids, detail from kiban_audit where action = $1',
          [action],
        )
      ).rows;
    await ctx.audit({
      actor: SYSTEM,
      action: 'notice-board.sent',
      entity: 'Note',
      recordId: 'n1',
      details: { count: 2 },
    });
    expect(await entries('notice-board.sent')).toEqual([
      { principal_kind: 'system', record_ids: ['n1'], detail: { count: 2, plugin: 'notice-board' } },
    ]);
    const failed = ctx.transaction(SYSTEM, async () => {
      await ctx.audit({ actor: SYSTEM, action: 'notice-board.undone' });
      throw new Error('undo');
    });
    await expect(failed).rejects.toThrow('undo');
    expect(await entries('notice-board.undone')).toEqual([]);
  });
});
