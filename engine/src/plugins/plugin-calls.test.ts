import { type Actor, definePlugin, isPluginError, type PluginContext, PluginError } from '@kiban/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine, testDatabaseKinds } from '../testing/index.ts';
import { metadataDir, NOTE_ENTITY, NOTE_ROLES } from './plugin-test-support.ts';

const SYSTEM: Actor = { kind: 'system' };

/** A plugin whose actions another calls: it writes notes as its caller, and keeps count of the handler's runs. */
async function deskPlugin(runs: { count: number }) {
  return definePlugin({
    name: 'desk',
    version: '1.0.0',
    metadata: [await metadataDir([NOTE_ENTITY, ...NOTE_ROLES])],
    actions: [
      {
        name: 'add',
        label: { ja: 'メモを追加' },
        roles: ['note-writer'],
        input: {
          type: 'object',
          required: ['title'],
          properties: { title: { type: 'string', minLength: 1, maxLength: 20 } },
          additionalProperties: false,
        },
        handler: async (input, ctx) => {
          runs.count += 1;
          const note = await ctx.data(ctx.actor).create('Note', { title: (input as { title: string }).title });
          return { note, at: new Date(0), nothing: undefined };
        },
      },
      {
        name: 'sensitive',
        label: { ja: '本人確認が必要' },
        assurance: 'jpki',
        input: {},
        handler: async () => ({ ok: true }),
      },
      {
        name: 'refuse',
        label: { ja: '拒否' },
        input: {},
        handler: async () => {
          throw new PluginError('desk.closed', 409, { ja: '窓口は閉まっています。', en: 'The desk is closed.' });
        },
      },
    ],
  });
}

async function failure(work: Promise<unknown>): Promise<PluginError> {
  const error = await work.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  if (!isPluginError(error)) throw new Error(`expected a PluginError, got ${error}`);
  return error;
}

describe.each(testDatabaseKinds())('ctx.plugins on %s', (kind) => {
  let host: TestEngine;
  let caller: PluginContext;
  let writer: Actor;
  let reader: Actor;
  const runs = { count: 0 };

  beforeAll(async () => {
    const concierge = definePlugin({ name: 'concierge', version: '1.0.0' });
    host = await startTestEngine(kind, [], {}, { plugins: [await deskPlugin(runs), concierge], log: () => {} });
    caller = host.engine.plugins.context('concierge');
    const actorOf = async (principalKind: 'staff' | 'resident', username: string, roles: string[]): Promise<Actor> => {
      const client = await host.principal(principalKind, username, roles);
      const { id } = (await client.request('GET', '/api/auth/me')).body.principal;
      return {
        kind: 'principal',
        id,
        principalKind,
        roles,
        signIn: { method: 'password', assurance: 'low', at: new Date().toISOString() },
      };
    };
    writer = await actorOf('resident', 'hanako', ['note-writer']);
    reader = await actorOf('staff', 'taro', ['note-reader']);
  });
  afterAll(() => host?.close());

  const notes = () => caller.data(SYSTEM).count('Note');

  it('knows which plugins run here', () => {
    expect(caller.plugins.has('desk')).toBe(true);
    expect(caller.plugins.has('concierge')).toBe(true);
    expect(caller.plugins.has('knowledge')).toBe(false);
  });

  it('describes an action as call checks it, and nothing for what is not there', () => {
    expect(caller.plugins.describe('desk', 'add')).toEqual({
      name: 'desk.add',
      label: { ja: 'メモを追加' },
      roles: ['note-writer'],
      input: {
        type: 'object',
        required: ['title'],
        properties: { title: { type: 'string', minLength: 1, maxLength: 20 } },
        additionalProperties: false,
      },
    });
    expect(caller.plugins.describe('desk', 'refuse')?.roles).toEqual([]);
    expect(caller.plugins.describe('desk', 'missing')).toBeUndefined();
    expect(caller.plugins.describe('knowledge', 'search')).toBeUndefined();
  });

  it('runs the action as the actor and answers what HTTP would send, as JSON', async () => {
    const answer = await caller.plugins.call<Record<string, unknown>>('desk', 'add', { title: '窓口メモ' }, writer);
    const writerId = writer.kind === 'principal' ? writer.id : '';
    expect(answer).toEqual({
      note: expect.objectContaining({ title: '窓口メモ', owner: writerId, version: 1 }),
      at: '1970-01-01T00:00:00.000Z',
    });
    expect(await caller.plugins.call('desk', 'add', { title: 'システム' }, SYSTEM)).toMatchObject({
      note: { title: 'システム' },
    });
  });

  it('refuses a caller without the role, audits the refusal naming the calling plugin, and never runs the handler', async () => {
    const before = runs.count;
    const count = await notes();
    const refused = await failure(caller.plugins.call('desk', 'add', { title: 'だめ' }, reader));
    expect([refused.code, refused.status]).toEqual(['access.denied', 403]);
    expect(runs.count).toBe(before);
    expect(await notes()).toBe(count);
    const readerId = reader.kind === 'principal' ? reader.id : '';
    const trail = await host.engine
      .live()
      .sql()
      .query<{ principal_id: string; detail: Record<string, unknown> }>(
        `select principal_id::text, detail from kiban_audit
          where action = 'access.denied' and detail->>'method' = 'ctx.plugins.call'`,
      );
    expect(trail.map(({ principal_id, detail }) => [principal_id, detail])).toEqual([
      [readerId, { reason: 'access.denied', method: 'ctx.plugins.call', plugin: 'concierge', action: 'desk.add' }],
    ]);
  });

  it('validates the input with a pointer to every bad value, and asks for step-up like HTTP', async () => {
    const count = await notes();
    const bad = await failure(caller.plugins.call('desk', 'add', { title: 'x'.repeat(21), extra: 1 }, writer));
    expect([bad.code, bad.status]).toEqual(['action.invalidInput', 422]);
    expect(bad.details.map(({ pointer, code }) => [pointer, code])).toEqual([
      ['/extra', 'schema.additionalProperties'],
      ['/title', 'schema.maxLength'],
    ]);
    expect(await notes()).toBe(count);
    const weak = await failure(caller.plugins.call('desk', 'sensitive', {}, writer));
    expect([weak.code, weak.status]).toEqual(['auth.stepUpRequired', 403]);
    const strong: Actor = {
      ...writer,
      signIn: { method: 'mynaportal', assurance: 'jpki', at: new Date().toISOString() },
    } as Actor;
    expect(await caller.plugins.call('desk', 'sensitive', {}, strong)).toEqual({ ok: true });
  });

  it('names a plugin that is not running and an action that does not exist, and passes the action’s own errors on', async () => {
    const absent = await failure(caller.plugins.call('knowledge', 'search', {}, writer));
    expect([absent.code, absent.status]).toEqual(['plugin.notRunning', 503]);
    const unknown = await failure(caller.plugins.call('desk', 'nothing', {}, writer));
    expect([unknown.code, unknown.status]).toEqual(['plugin.unknownAction', 404]);
    const closed = await failure(caller.plugins.call('desk', 'refuse', {}, writer));
    expect([closed.code, closed.status, closed.localized.en]).toEqual(['desk.closed', 409, 'The desk is closed.']);
  });

  it('joins the caller’s transaction: the action’s writes roll back with it', async () => {
    const rolledBack = caller.transaction(SYSTEM, async () => {
      await caller.plugins.call('desk', 'add', { title: '取り消し' }, writer);
      throw new Error('roll it all back');
    });
    await expect(rolledBack).rejects.toThrow('roll it all back');
    expect(await caller.data(SYSTEM).count('Note', { title: { eq: '取り消し' } })).toBe(0);
    await caller.transaction(SYSTEM, () => caller.plugins.call('desk', 'add', { title: '確定' }, writer));
    expect(await caller.data(SYSTEM).count('Note', { title: { eq: '確定' } })).toBe(1);
  });
});
