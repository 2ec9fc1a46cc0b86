import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { definePlugin } from '../define-plugin.ts';
import type { Actor } from '../types.ts';
import { createTestHost, type TestHost } from './test-host.ts';

/** A resident hears only their own room of `mail.box`; `POST /api/plugins/mail/send` emits to a room. */
const mail = definePlugin({
  name: 'mail',
  version: '1.0.0',
  realtime: {
    channels: [{ name: 'box', authorize: ({ actor, room }) => actor.kind === 'principal' && actor.id === room }],
  },
  routes(app, ctx) {
    app.post('/send', async (c) => {
      const { room, text } = (await c.req.json()) as { room: string; text: string };
      await ctx.realtime.emit('box', room, 'delivered', { text });
      return c.json({ sent: true });
    });
  },
});

const kinds: ('pglite' | 'postgres')[] = process.env.KIBAN_TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];

describe.each(kinds)('createTestHost realtime client on %s', (kind) => {
  let host: TestHost;
  beforeAll(async () => {
    host = await createTestHost({ plugins: [mail], kind });
  });
  afterAll(() => host?.close());

  it('connects as a signed-in principal, joins what the channel allows and receives what is emitted', async () => {
    const resident = await host.signInAs('resident', 'yuki', []);
    const other = await host.signInAs('resident', 'ren', []);
    const room = idOf(resident.actor);
    const socket = await host.realtime(resident);
    await socket.join('mail.box', room);
    await expect(socket.join('mail.box', idOf(other.actor))).rejects.toMatchObject({ code: 'realtime.forbidden' });
    const sent = await host.request('POST', '/api/plugins/mail/send', { as: resident, body: { room, text: 'hello' } });
    expect(sent.status).toBe(200);
    const message = await socket.waitForMessage((candidate) => candidate.event === 'delivered');
    expect(message).toMatchObject({ channel: 'mail.box', room, payload: { text: 'hello' } });
  });
});

function idOf(actor: Actor): string {
  if (actor.kind !== 'principal') throw new Error('a signed-in client acts as a principal');
  return actor.id;
}
