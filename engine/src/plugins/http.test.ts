import { definePlugin, PluginError } from '@kiban/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../api/api-test-support.ts';
import { startTestEngine, type TestClient, type TestEngine, testDatabaseKinds } from '../testing/index.ts';
import { metadataDir, NOTE_ENTITY, NOTE_ROLES } from './plugin-test-support.ts';

const closed = () =>
  new PluginError('desk.closed', 409, { ja: '窓口は閉まっています。', en: 'The desk is closed.' }, [
    { pointer: '/day', code: 'desk.closed', message: { ja: '休業日です。', en: 'Closed on this day.' } },
  ]);

async function deskPlugin() {
  return definePlugin({
    name: 'desk',
    version: '1.0.0',
    metadata: [await metadataDir([NOTE_ENTITY, ...NOTE_ROLES])],
    routes(app, ctx) {
      app.get('/whoami', (c) => c.json(c.get('actor')));
      app.get('/notes', async (c) => c.json(await ctx.data(c.get('actor')).list('Note')));
      app.get('/closed', () => {
        throw closed();
      });
      app.get('/crash', () => {
        throw new Error('secret detail of the crash');
      });
    },
    actions: [
      {
        name: 'add',
        label: { ja: 'メモを追加' },
        roles: ['note-writer'],
        input: {
          type: 'object',
          required: ['title'],
          properties: {
            title: { type: 'string', minLength: 1, maxLength: 20 },
            copies: { type: 'integer', minimum: 1 },
          },
          additionalProperties: false,
        },
        handler: async (input, ctx) =>
          ctx.data(ctx.actor).create('Note', { title: (input as { title: string }).title }),
      },
      {
        name: 'ping',
        label: { ja: '応答確認' },
        input: {},
        handler: async (_input, ctx) => ({ pong: ctx.actor.kind === 'principal' ? ctx.actor.id : null }),
      },
      { name: 'refuse', label: { ja: '拒否' }, input: {}, handler: async () => Promise.reject(closed()) },
    ],
  });
}

describe.each(testDatabaseKinds())('plugin routes and actions on %s', (kind) => {
  let host: TestEngine;
  let reader: TestClient;
  let writer: TestClient;
  let writerId: string;

  beforeAll(async () => {
    host = await startTestEngine(kind, [], {}, { plugins: [await deskPlugin()], log: () => {} });
    reader = await host.principal('staff', 'reader', ['note-reader']);
    writer = await host.principal('resident', 'writer', ['note-writer']);
    writerId = (await writer.request('GET', '/api/auth/me')).body.principal.id;
  });
  afterAll(() => host?.close());

  it('mounts routes under /api/plugins/<name> behind authentication, with the caller as the actor', async () => {
    expectProblem(await host.client().request('GET', '/api/plugins/desk/whoami'), 401, 'auth.required');
    const me = await writer.request('GET', '/api/plugins/desk/whoami');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      kind: 'principal',
      id: writerId,
      principalKind: 'resident',
      roles: ['note-writer'],
      signIn: { method: 'password', assurance: 'low', at: expect.any(String) },
    });
    expectProblem(await writer.request('GET', '/api/plugins/desk/nothing-here'), 404, 'route.notFound');
    // A staff member's actor carries their department, so plugins scope by it without a lookup.
    const clerk = await host.principal('staff', 'ward-clerk', [], { department: '北区役所' });
    expect((await clerk.request('GET', '/api/plugins/desk/whoami')).body).toMatchObject({
      principalKind: 'staff',
      department: '北区役所',
    });
  });

  it('renders a PluginError as problem+json in the caller language, and hides any other error', async () => {
    const refused = await reader.request('GET', '/api/plugins/desk/closed', { headers: { 'accept-language': 'en' } });
    expectProblem(refused, 409, 'desk.closed', [{ pointer: '/day', code: 'desk.closed' }]);
    expect(refused.body.detail).toBe('The desk is closed.');
    const crashed = await reader.request('GET', '/api/plugins/desk/crash');
    expectProblem(crashed, 500, 'internal');
    expect(JSON.stringify(crashed.body)).not.toContain('secret');
    expectProblem(await reader.request('POST', '/api/actions/desk.refuse'), 409, 'desk.closed', [
      { pointer: '/day', code: 'desk.closed' },
    ]);
  });

  it('validates action input against its schema with a pointer to every bad value', async () => {
    const bad = await writer.request('POST', '/api/actions/desk.add', { body: { title: 'x'.repeat(21), copies: 0 } });
    expectProblem(bad, 422, 'action.invalidInput', [
      { pointer: '/title', code: 'schema.maxLength' },
      { pointer: '/copies', code: 'schema.minimum' },
    ]);
    expectProblem(await writer.request('POST', '/api/actions/desk.add'), 422, 'action.invalidInput', [
      { pointer: '/title', code: 'schema.required' },
    ]);
    const notJson = await writer.request('POST', '/api/actions/desk.add', {
      rawBody: '{',
      headers: { 'content-type': 'application/json' },
    });
    expectProblem(notJson, 400, 'request.malformedJson');
    expect(await host.engine.plugins.context('desk').data({ kind: 'system' }).count('Note')).toBe(0);
  });

  it('lets only the action roles call it, and answers with the result as JSON', async () => {
    expectProblem(
      await host.client().request('POST', '/api/actions/desk.add', { body: { title: 'a' } }),
      401,
      'auth.required',
    );
    expectProblem(
      await reader.request('POST', '/api/actions/desk.add', { body: { title: 'a' } }),
      403,
      'access.denied',
    );
    expectProblem(await reader.request('POST', '/api/actions/desk.nothing', { body: {} }), 404, 'action.unknown');
    // The refusal is on the audit trail, naming the action; the unknown action is no refusal.
    const trail = await host.engine
      .live()
      .sql()
      .query<{ detail: Record<string, unknown> }>(
        `select detail from kiban_audit where action = 'access.denied' and detail->>'method' = 'POST'`,
      );
    expect(trail.map(({ detail }) => detail)).toEqual([
      { reason: 'access.denied', method: 'POST', action: 'desk.add' },
    ]);

    const added = await writer.request('POST', '/api/actions/desk.add', { body: { title: '窓口メモ' } });
    expect(added.status).toBe(200);
    expect(added.body).toMatchObject({ title: '窓口メモ', owner: writerId, version: 1 });

    const pinged = await reader.request('POST', '/api/actions/desk.ping');
    expect(pinged.body).toEqual({ pong: expect.any(String) });
    // The actor's policies hold inside plugin code too: the reader sees the note, with the same rules as REST.
    const listed = await reader.request('GET', '/api/plugins/desk/notes');
    expect(listed.body.map((note: { title: string }) => note.title)).toEqual(['窓口メモ']);
  });
});
