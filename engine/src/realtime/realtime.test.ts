import { type Actor, definePlugin, type PluginContext, PluginError } from '@kiban/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiToken } from '../access/index.ts';
import type { MetadataItem } from '../metadata/index.ts';
import { metadataDir } from '../plugins/plugin-test-support.ts';
import {
  connectRealtime,
  startTestEngine,
  TEST_ADMIN_PASSWORD,
  type TestEngine,
  testDatabaseKinds,
} from '../testing/index.ts';

const SYSTEM: Actor = { kind: 'system' };

const ERRAND: MetadataItem = {
  kind: 'entity',
  name: 'Errand',
  label: { ja: '用件', en: 'Errand' },
  fields: [
    { name: 'title', type: 'string', label: { ja: '題名', en: 'Title' }, required: true },
    {
      name: 'status',
      type: 'enum',
      label: { ja: '状態', en: 'Status' },
      required: true,
      values: [
        { value: 'open', label: { ja: '未了', en: 'Open' } },
        { value: 'done', label: { ja: '完了', en: 'Done' } },
      ],
    },
  ],
};

/** `finish` announces on the desk room through a plugin action; `botch` announces too, then fails. */
const ERRAND_WORKFLOW: MetadataItem = {
  kind: 'workflow',
  name: 'errand',
  label: { ja: '用件', en: 'Errand' },
  entity: 'Errand',
  stateField: 'status',
  initial: 'open',
  states: [
    { name: 'open', label: { ja: '未了', en: 'Open' } },
    { name: 'done', label: { ja: '完了', en: 'Done' }, final: true },
  ],
  transitions: [
    {
      name: 'finish',
      label: { ja: '完了する', en: 'Finish' },
      from: ['open'],
      to: 'done',
      actions: [{ type: 'callAction', action: 'inbox.announce', input: { text: 'finished' } }],
    },
    {
      name: 'botch',
      label: { ja: '失敗する', en: 'Botch' },
      from: ['open'],
      to: 'done',
      actions: [
        { type: 'callAction', action: 'inbox.announce', input: { text: 'botched' } },
        { type: 'callAction', action: 'inbox.explode' },
      ],
    },
  ],
} as MetadataItem;

const textInput = {
  type: 'object',
  required: ['text'],
  properties: { text: { type: 'string' } },
  additionalProperties: false,
};

/** Attempts of the `inbox.poke` handler by room: the first fails after emitting. */
const pokeAttempts = new Map<string, number>();

/** A resident may join only the room named by their own id; staff may join any. */
const inboxPlugin = definePlugin({
  name: 'inbox',
  version: '1.0.0',
  actions: [
    {
      name: 'announce',
      label: { ja: '知らせる' },
      input: textInput,
      async handler(input, ctx) {
        await ctx.realtime.emit('notices', 'desk', 'announced', input);
        return null;
      },
    },
    {
      name: 'explode',
      label: { ja: '失敗する' },
      input: { type: 'object' },
      async handler() {
        throw new PluginError('inbox.exploded', 409, { ja: '失敗しました。', en: 'The action failed.' });
      },
    },
  ],
  events: [
    {
      event: 'inbox.poke',
      async handler(event, ctx) {
        const { room } = event.payload as { room: string };
        const attempt = (pokeAttempts.get(room) ?? 0) + 1;
        pokeAttempts.set(room, attempt);
        await ctx.realtime.emit('notices', room, `attempt-${attempt}`, {});
        if (attempt === 1) throw new Error('the first attempt fails');
      },
    },
  ],
  realtime: {
    channels: [
      {
        name: 'notices',
        authorize: ({ actor, room }) =>
          actor.kind === 'principal' && (actor.principalKind === 'staff' || actor.id === room),
      },
    ],
  },
});

describe.each(testDatabaseKinds())('realtime on %s', (kind) => {
  let test: TestEngine;
  let baseUrl: string;
  let server: { close(): Promise<void> };
  let ctx: PluginContext;
  const residents: Record<string, { id: string; cookie: string }> = {};

  const signIn = async (username: string, password: string) => {
    const response = await test.engine.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username, password }),
    });
    const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0];
    const me = await test.client(cookie).request('GET', '/api/auth/me');
    return { id: me.body.principal.id as string, cookie };
  };

  beforeAll(async () => {
    const app = await metadataDir([ERRAND, ERRAND_WORKFLOW]);
    test = await startTestEngine(kind, [app], { port: 0, realtimeSessionCheckSeconds: 1 }, { plugins: [inboxPlugin] });
    const listening = await test.engine.listen();
    server = listening;
    baseUrl = `http://127.0.0.1:${listening.port}`;
    ctx = test.engine.plugins.context('inbox');
    for (const name of ['hanako', 'taro']) {
      await test.principal('resident', name, []);
      residents[name] = await signIn(name, `${name}-password-1`);
    }
  });
  afterAll(async () => {
    await server?.close();
    await test?.close();
  });

  it('refuses a socket without credentials, with an unknown token or an ended session', async () => {
    await expect(connectRealtime(baseUrl)).rejects.toMatchObject({ code: 'realtime.unauthenticated' });
    await expect(connectRealtime(baseUrl, { token: 'kbn_not-a-real-token' })).rejects.toMatchObject({
      code: 'realtime.unauthenticated',
    });
    await expect(connectRealtime(baseUrl, { cookie: 'kiban_session=forged' })).rejects.toMatchObject({
      code: 'realtime.unauthenticated',
    });
    const ending = await signIn('taro', 'taro-password-1');
    const open = await connectRealtime(baseUrl, { cookie: ending.cookie });
    await expireSessionsOf(ending.id);
    await expect(connectRealtime(baseUrl, { cookie: ending.cookie })).rejects.toMatchObject({
      code: 'realtime.unauthenticated',
    });
    // A socket opened before the session ended is refused at its next join and closed — or by
    // the periodic check, whichever comes first.
    const closed = new Promise((resolve) => open.socket.once('disconnect', resolve));
    open.join('inbox.notices', ending.id).catch(() => {});
    expect(await closed).toBe('io server disconnect');
    expect(open.errors.length).toBeGreaterThan(0);
    expect(open.errors.every((error) => error.code === 'realtime.sessionEnded')).toBe(true);
    residents.taro = await signIn('taro', 'taro-password-1');
  });

  it('closes an open socket once its session has ended', async () => {
    await test.principal('resident', 'kenji', []);
    const kenji = await signIn('kenji', 'kenji-password-1');
    const open = await connectRealtime(baseUrl, { cookie: kenji.cookie });
    await open.join('inbox.notices', kenji.id);
    const closed = new Promise((resolve) => open.socket.once('disconnect', resolve));
    const signedOut = await test.client(kenji.cookie).request('POST', '/api/auth/logout');
    expect(signedOut.status).toBe(204);
    expect(await closed).toBe('io server disconnect');
    expect(open.errors).toMatchObject([{ code: 'realtime.sessionEnded' }]);
  });

  it('accepts the session cookie and an API token', async () => {
    const byCookie = await connectRealtime(baseUrl, { cookie: residents.hanako.cookie });
    await byCookie.join('inbox.notices', residents.hanako.id);
    byCookie.close();
    const { token } = await createApiToken(test.engine.live().sql(), residents.hanako.id, 'realtime test');
    const byToken = await connectRealtime(baseUrl, { token });
    await byToken.join('inbox.notices', residents.hanako.id);
    byToken.close();
  });

  it('lets a resident join only their own rooms and delivers only those', async () => {
    const { hanako, taro } = residents;
    const client = await connectRealtime(baseUrl, { cookie: hanako.cookie });
    await client.join('inbox.notices', hanako.id);
    await expect(client.join('inbox.notices', taro.id)).rejects.toMatchObject({ code: 'realtime.forbidden' });
    await expect(client.join('inbox.unknown', hanako.id)).rejects.toMatchObject({ code: 'realtime.forbidden' });
    await ctx.realtime.emit('notices', taro.id, 'notice', { text: 'for taro' });
    await ctx.realtime.emit('notices', hanako.id, 'notice', { text: 'for hanako' });
    const received = await client.waitForMessage((message) => message.room === hanako.id);
    expect(received).toMatchObject({ channel: 'inbox.notices', event: 'notice', payload: { text: 'for hanako' } });
    expect(client.messages.map((message) => message.room)).toEqual([hanako.id]);
    client.close();
  });

  it('sends an emit inside a transaction after the commit and drops it on rollback', async () => {
    const { hanako } = residents;
    const client = await connectRealtime(baseUrl, { cookie: hanako.cookie });
    await client.join('inbox.notices', hanako.id);
    await ctx.transaction(SYSTEM, async () => {
      await ctx.realtime.emit('notices', hanako.id, 'committed', {});
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(client.messages).toEqual([]);
    });
    await client.waitForMessage((message) => message.event === 'committed');
    await expect(
      ctx.transaction(SYSTEM, async () => {
        await ctx.realtime.emit('notices', hanako.id, 'rolledBack', {});
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    await ctx.realtime.emit('notices', hanako.id, 'marker', {});
    await client.waitForMessage((message) => message.event === 'marker');
    expect(client.messages.map((message) => message.event)).toEqual(['committed', 'marker']);
    client.close();
  });

  it('drops what a failed event handler emitted and sends what its retry emitted, after its commit', async () => {
    const { hanako } = residents;
    const client = await connectRealtime(baseUrl, { cookie: hanako.cookie });
    await client.join('inbox.notices', hanako.id);
    await ctx.events.publish('poke', { room: hanako.id });
    await client.waitForMessage((message) => message.event === 'attempt-2');
    expect(client.messages.map((message) => message.event)).toEqual(['attempt-2']);
    client.close();
  });

  it('sends what a workflow action emitted once the transition commits, and nothing when it rolls back', async () => {
    await test.principal('staff', 'desk-clerk', []);
    const clerk = await signIn('desk-clerk', 'desk-clerk-password-1');
    const client = await connectRealtime(baseUrl, { cookie: clerk.cookie });
    await client.join('inbox.notices', 'desk');
    const admin = await test.signIn('admin', TEST_ADMIN_PASSWORD);
    const errand = async () => (await admin.request('POST', '/api/data/Errand', { body: { title: 'x' } })).body.id;
    const botched = await admin.request('POST', `/api/workflows/Errand/${await errand()}/transitions/botch`, {
      body: {},
    });
    expect(botched.status).toBeGreaterThanOrEqual(400);
    expect(botched.status).toBeLessThan(500);
    const finished = await admin.request('POST', `/api/workflows/Errand/${await errand()}/transitions/finish`, {
      body: {},
    });
    expect(finished.status).toBe(200);
    await client.waitForMessage((message) => message.event === 'announced');
    expect(client.messages.map((message) => message.payload)).toEqual([{ text: 'finished' }]);
    client.close();
  });

  it('answers junk and unknown events with an error event and nothing else', async () => {
    const client = await connectRealtime(baseUrl, { cookie: residents.hanako.cookie });
    client.socket.emit('hello', { anything: true });
    expect(await client.nextError()).toMatchObject({ code: 'realtime.unknownEvent' });
    client.socket.emit('kiban:join', 'not an object');
    expect(await client.nextError()).toMatchObject({ code: 'realtime.invalidRequest' });
    client.socket.emit('kiban:join', { channel: 'inbox.notices', room: residents.hanako.id, since: -1 });
    expect(await client.nextError()).toMatchObject({ code: 'realtime.invalidRequest' });
    client.socket.emit('kiban:leave', { channel: 7 });
    expect(await client.nextError()).toMatchObject({ code: 'realtime.invalidRequest' });
    expect(client.socket.connected).toBe(true);
    expect(client.messages).toEqual([]);
    await expect(ctx.realtime.emit('nowhere', 'room', 'x', {})).rejects.toMatchObject({
      code: 'realtime.invalidMessage',
    });
    client.close();
  });

  it('keeps one socket to at most 100 rooms', async () => {
    await test.principal('staff', 'watcher', []);
    const staff = await signIn('watcher', 'watcher-password-1');
    const client = await connectRealtime(baseUrl, { cookie: staff.cookie });
    for (let room = 0; room < 100; room++) await client.join('inbox.notices', `room-${room}`);
    await expect(client.join('inbox.notices', 'one-too-many')).rejects.toMatchObject({ code: 'realtime.tooManyRooms' });
    client.socket.emit('kiban:leave', { channel: 'inbox.notices', room: 'room-0' });
    await client.join('inbox.notices', 'one-too-many');
    client.close();
  });

  it('catches a reconnecting client up on what it missed, by the last message id', async () => {
    const { hanako } = residents;
    const first = await connectRealtime(baseUrl, { cookie: hanako.cookie });
    await first.join('inbox.notices', hanako.id);
    await ctx.realtime.emit('notices', hanako.id, 'seen', { n: 1 });
    const seen = await first.waitForMessage((message) => message.event === 'seen');
    first.close();
    await ctx.realtime.emit('notices', hanako.id, 'missed', { n: 2 });
    await ctx.realtime.emit('notices', hanako.id, 'missed', { n: 3 });
    const again = await connectRealtime(baseUrl, { cookie: hanako.cookie });
    await again.join('inbox.notices', hanako.id, seen.id);
    expect(again.messages.map((message) => message.payload)).toEqual([{ n: 2 }, { n: 3 }]);
    expect(again.messages[0].id).toBeGreaterThan(seen.id);
    again.close();
  });

  async function expireSessionsOf(principalId: string) {
    await test.engine
      .live()
      .sql()
      .run(`update kiban_session set expires_at = now() - interval '1 second' where principal_id = ?`, [principalId]);
  }
});
