import { type Actor, definePlugin, type PluginContext } from '@kiban/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KibanError } from '../errors.ts';
import { type MetadataItem, validateMetadata } from '../metadata/index.ts';
import { startTestEngine, type TestEngine, testDatabaseKinds } from '../testing/index.ts';
import { metadataDir, NOTE_ENTITY, NOTE_ROLES } from './plugin-test-support.ts';

const SYSTEM: Actor = { kind: 'system' };

const COUNTER: MetadataItem = {
  kind: 'entity',
  name: 'Counter',
  label: { ja: 'カウンター' },
  fields: [{ name: 'value', type: 'integer', label: { ja: '値' }, required: true }],
};

async function failure(work: Promise<unknown>): Promise<KibanError> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!(error instanceof KibanError)) throw new Error(`expected a KibanError, got ${error}`);
  return error;
}

describe.each(testDatabaseKinds())('the plugin data API on %s', (kind) => {
  let host: TestEngine;
  let ctx: PluginContext;
  let resident: Actor;

  beforeAll(async () => {
    const items = [NOTE_ENTITY, COUNTER, ...NOTE_ROLES];
    expect(validateMetadata(items)).toEqual([]);
    const plugin = definePlugin({ name: 'notes', version: '1.0.0', metadata: [await metadataDir(items)] });
    host = await startTestEngine(kind, [], {}, { plugins: [plugin], log: () => {} });
    ctx = host.engine.plugins.context('notes');
    const client = await host.principal('resident', 'hanako', ['note-writer']);
    const { id } = (await client.request('GET', '/api/auth/me')).body.principal;
    resident = { kind: 'principal', id, principalKind: 'resident', roles: ['note-writer'] };
  });
  afterAll(() => host?.close());

  it('applies the actor policies: row rules for count and list, deny by default for writes', async () => {
    await ctx.data(resident).create('Note', { title: 'mine' });
    await ctx.data(SYSTEM).create('Note', { title: 'the plugin’s' });
    expect(await ctx.data(resident).count('Note')).toBe(1);
    expect(await ctx.data(SYSTEM).count('Note', { title: { eq: 'mine' } })).toBe(1);
    expect((await ctx.data(resident).list('Note')).map((note) => note.title)).toEqual(['mine']);
    expect((await failure(ctx.data(resident).create('Counter', { value: 1 }))).code).toBe('access.denied');
    expect((await failure(ctx.data(SYSTEM).list('Note', { limit: 500 }))).code).toBe('query.invalid');
  });

  it('creates many records at once: one audit row naming them, one event each, all or none', async () => {
    const sql = host.engine.live().sql();
    const events = async () =>
      Number(
        (
          await sql.query<{ n: string }>(
            `select count(*) as n from kiban_outbox where type = 'record.created' and payload->>'entity' = 'Counter'`,
          )
        )[0]?.n,
      );
    const eventsBefore = await events();
    const created = await ctx.data(SYSTEM).createMany('Counter', [{ value: 1 }, { value: 2 }, { value: 3 }]);
    expect(created).toHaveLength(3);
    const stored = await ctx.data(SYSTEM).list('Counter', { filter: { id: { in: created.map((row) => row.id) } } });
    expect(stored.map((row) => row.value).sort()).toEqual([1, 2, 3]);
    const trail = await sql.query<{ record_ids: string[] }>(
      `select record_ids from kiban_audit where action = 'create' and entity = 'Counter'`,
    );
    expect(trail.map((row) => [...row.record_ids].sort())).toEqual([created.map((row) => row.id).sort()]);
    expect((await events()) - eventsBefore).toBe(3);

    const refused = await failure(ctx.data(SYSTEM).createMany('Counter', [{ value: 4 }, { value: 'five' }]));
    expect(refused.code).toBe('record.invalid');
    expect(refused.details.map((detail) => detail.pointer)).toEqual(['/1/value']);
    expect(await ctx.data(SYSTEM).count('Counter', { value: { eq: 4 } })).toBe(0);
    expect((await failure(ctx.data(resident).createMany('Counter', [{ value: 6 }]))).code).toBe('access.denied');
  });

  it('counts by a field in one GROUP BY under the row policy, and audits a staff count by a personal field', async () => {
    await ctx.data(resident).create('Note', { title: 'grouped', author: 'hanako' });
    await ctx.data(resident).create('Note', { title: 'grouped', author: 'hanako' });
    await ctx.data(SYSTEM).create('Note', { title: 'grouped', author: 'the plugin' });
    const mine = await ctx.data(resident).countBy('Note', 'author', { title: { eq: 'grouped' } });
    expect(mine).toEqual([{ value: 'hanako', count: 2 }]);
    const all = await ctx.data(SYSTEM).countBy('Note', 'author', { title: { eq: 'grouped' } });
    expect(all).toEqual([
      { value: 'hanako', count: 2 },
      { value: 'the plugin', count: 1 },
    ]);
    expect((await failure(ctx.data(SYSTEM).countBy('Note', 'nonsense'))).code).toBe('query.unknownField');

    const reader = await host.principal('staff', 'count-reader', ['note-reader']);
    const { id } = (await reader.request('GET', '/api/auth/me')).body.principal;
    const staff: Actor = { kind: 'principal', id, principalKind: 'staff', roles: ['note-reader'] };
    const byAuthor = await ctx.data(staff).countBy('Note', 'author', { title: { eq: 'grouped' } });
    expect(byAuthor.reduce((sum, group) => sum + group.count, 0)).toBe(3);
    const trail = await host.engine
      .live()
      .sql()
      .query<{ fields: string[]; detail: Record<string, unknown> }>(
        `select fields, detail from kiban_audit where principal_id = ? and action = 'read' and entity = 'Note'`,
        [id],
      );
    expect(trail).toEqual([{ fields: ['author'], detail: { countBy: 'author', plugin: 'notes' } }]);
  });

  it('writes many rows in one transaction and moves each again with its version', async () => {
    const first = await ctx.transaction(SYSTEM, async (data) => {
      const created = [];
      for (let i = 0; i < 30; i += 1) created.push(await data.create('Counter', { value: 1000 + i }));
      const id = String(created[0]?.id);
      expect((await data.update('Counter', id, { value: 2000 }, 1)).version).toBe(2);
      expect((await data.update('Counter', id, { value: 2001 }, 2)).version).toBe(3);
      await expect(data.update('Counter', id, { value: 2002 }, 2)).rejects.toMatchObject({
        code: 'record.versionConflict',
      });
      return id;
    });
    expect(await ctx.data(SYSTEM).get('Counter', first)).toMatchObject({ value: 2001, version: 3 });
    expect(await ctx.data(SYSTEM).count('Counter', { value: { gte: 1001, lte: 1029 } })).toBe(29);
  });

  it('lets only the system actor write on a principal’s behalf by setting the owner', async () => {
    const onBehalf = await ctx
      .data(SYSTEM)
      .create('Note', { title: 'for hanako', owner: resident.kind === 'principal' ? resident.id : '' });
    expect((await ctx.data(resident).get('Note', String(onBehalf.id))).title).toBe('for hanako');
    const refused = await failure(ctx.data(resident).create('Note', { title: 'x', owner: onBehalf.owner }));
    expect(refused.details.map((detail) => detail.pointer)).toEqual(['/owner']);
    const invalid = await failure(ctx.data(SYSTEM).create('Note', { title: 'x', owner: 'someone' }));
    expect(invalid.details).toEqual([expect.objectContaining({ pointer: '/owner' })]);
  });

  it('locks a row with forUpdate so that concurrent read-modify-write transactions never conflict', async () => {
    const counter = await ctx.data(SYSTEM).create('Counter', { value: 0 });
    const increment = () =>
      ctx.transaction(SYSTEM, async (data) => {
        const current = await data.get('Counter', String(counter.id), { forUpdate: true });
        await new Promise((resolve) => setTimeout(resolve, 5));
        await data.update('Counter', String(counter.id), { value: Number(current.value) + 1 }, Number(current.version));
      });
    await Promise.all(Array.from({ length: 8 }, increment));
    expect((await ctx.data(SYSTEM).get('Counter', String(counter.id))).value).toBe(8);
    const outside = await failure(ctx.data(SYSTEM).get('Counter', String(counter.id), { forUpdate: true }));
    expect(outside.code).toBe('plugin.lockOutsideTransaction');
  });

  it('joins the open transaction from ctx.data and nested ctx.transaction calls', async () => {
    const rolledBack = ctx.transaction(SYSTEM, async () => {
      await ctx.data(SYSTEM).create('Note', { title: 'joined' });
      await ctx.transaction(resident, (data) => data.create('Note', { title: 'nested' }));
      throw new Error('roll it all back');
    });
    await expect(rolledBack).rejects.toThrow('roll it all back');
    expect(await ctx.data(SYSTEM).count('Note', { title: { in: ['joined', 'nested'] } })).toBe(0);
  });

  it('audits refused calls like the REST API, also when the refusal rolls a transaction back', async () => {
    const principalId = resident.kind === 'principal' ? resident.id : '';
    const hidden = await ctx.data(SYSTEM).create('Note', { title: 'not hanako’s' });
    const trail = async () =>
      host.engine
        .live()
        .sql()
        .query<{ entity: string; record_ids: string[]; principal_id: string; detail: Record<string, unknown> }>(
          `select entity, record_ids, principal_id::text, detail from kiban_audit
            where action = 'access.denied' and detail->>'plugin' = 'notes' order by id`,
        );
    const before = (await trail()).length;
    expect((await failure(ctx.data(resident).create('Counter', { value: 1 }))).code).toBe('access.denied');
    expect((await failure(ctx.data(resident).get('Note', String(hidden.id)))).status).toBe(404);
    const rolledBack = ctx.transaction(resident, async (data) => {
      await data.update('Note', String(hidden.id), { title: 'taken over' });
    });
    await expect(rolledBack).rejects.toMatchObject({ code: 'access.denied' });
    // An unknown id is no refusal: nothing to audit.
    await failure(ctx.data(resident).get('Note', '00000000-0000-4000-8000-000000000000'));
    const entries = (await trail()).slice(before);
    expect(
      entries.map(({ entity, record_ids, principal_id, detail }) => [entity, record_ids, principal_id, detail]),
    ).toEqual([
      ['Counter', [], principalId, { reason: 'access.denied', method: 'ctx.data.create', plugin: 'notes' }],
      ['Note', [hidden.id], principalId, { reason: 'hiddenByRowPolicy', method: 'ctx.data.get', plugin: 'notes' }],
      ['Note', [hidden.id], principalId, { reason: 'access.denied', method: 'ctx.data.update', plugin: 'notes' }],
    ]);
    expect(await ctx.data(SYSTEM).count('Note', { title: { eq: 'taken over' } })).toBe(0);
  });
});
