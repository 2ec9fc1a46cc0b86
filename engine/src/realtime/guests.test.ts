import { definePlugin } from '@kiban/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectRealtime, startTestEngine, type TestEngine } from '../testing/index.ts';
import { GUEST_ATTEMPTS_PER_MINUTE, MAX_ROOMS_PER_GUEST } from './guests.ts';

/** A room's credential, as a plugin would hand a visitor one (an anonymous chat's token). */
const credentialOf = (room: string) => `secret-of-${room}`;

/** `desk` takes guests who bring their room's credential; `staff-only` takes none. */
const deskPlugin = definePlugin({
  name: 'desk',
  version: '1.0.0',
  realtime: {
    channels: [
      {
        name: 'rooms',
        authorize: ({ actor }) => actor.kind === 'principal' && actor.principalKind === 'staff',
        authorizeGuest: ({ room, credential }) => {
          if (room === 'explodes') throw new Error('the check failed');
          return credential === credentialOf(room);
        },
      },
      { name: 'staff-only', authorize: ({ actor }) => actor.kind === 'principal' },
    ],
  },
});

/**
 * Guests on `/realtime`: a socket without a session that asks to be one connects, and hears a
 * room only with the credential the channel's guest check accepts — never a channel without
 * one, never a room with another room's credential — in few rooms at once and within a per-address
 * allowance of connections and joins.
 */
describe('realtime guests', () => {
  let test: TestEngine;
  let baseUrl: string;
  let server: { close(): Promise<void> };

  beforeAll(async () => {
    test = await startTestEngine('pglite', [], { port: 0 }, { plugins: [deskPlugin] });
    const listening = await test.engine.listen();
    server = listening;
    baseUrl = `http://127.0.0.1:${listening.port}`;
  }, 120_000);
  afterAll(async () => {
    await server?.close();
    await test?.close();
  });

  it("joins a guest only to a room whose credential the channel accepts, and delivers that room's messages", async () => {
    await expect(connectRealtime(baseUrl)).rejects.toMatchObject({ code: 'realtime.unauthenticated' });
    const guest = await connectRealtime(baseUrl, { guest: true });
    // A forged session cookie does not make a guest into anyone; it stays a guest.
    const forged = await connectRealtime(baseUrl, { guest: true, cookie: 'kiban_session=forged' });
    forged.close();
    await expect(guest.join('desk.rooms', 'r1')).rejects.toMatchObject({ code: 'realtime.forbidden' });
    await expect(guest.join('desk.rooms', 'r1', undefined, credentialOf('r2'))).rejects.toMatchObject({
      code: 'realtime.forbidden',
    });
    await expect(guest.join('desk.rooms', 'explodes', undefined, credentialOf('explodes'))).rejects.toMatchObject({
      code: 'realtime.forbidden',
    });
    await expect(guest.join('desk.staff-only', 'r1', undefined, 'anything')).rejects.toMatchObject({
      code: 'realtime.forbidden',
    });
    await expect(guest.join('records', 'Errand', undefined, 'anything')).rejects.toMatchObject({
      code: 'realtime.forbidden',
    });
    await guest.join('desk.rooms', 'r1', undefined, credentialOf('r1'));
    const ctx = test.engine.plugins.context('desk');
    await ctx.realtime.emit('rooms', 'r2', 'elsewhere', {});
    await ctx.realtime.emit('rooms', 'r1', 'hello', { n: 1 });
    const heard = await guest.waitForMessage((message) => message.event === 'hello');
    expect(heard).toMatchObject({ channel: 'desk.rooms', room: 'r1', payload: { n: 1 } });
    expect(guest.messages.map((message) => message.event)).toEqual(['hello']);

    // A reconnecting guest asks for what it missed by the last id it saw.
    await ctx.realtime.emit('rooms', 'r1', 'while-away', {});
    const again = await connectRealtime(baseUrl, { guest: true });
    await again.join('desk.rooms', 'r1', heard.id, credentialOf('r1'));
    expect(again.messages.map((message) => message.event)).toEqual(['while-away']);
    again.close();

    for (let room = 2; room <= MAX_ROOMS_PER_GUEST; room++)
      await guest.join('desk.rooms', `r${room}`, undefined, credentialOf(`r${room}`));
    await expect(guest.join('desk.rooms', 'r99', undefined, credentialOf('r99'))).rejects.toMatchObject({
      code: 'realtime.tooManyRooms',
    });
    guest.close();
  });

  it('refuses guest connections and joins past the per-address allowance', async () => {
    const guest = await connectRealtime(baseUrl, { guest: true });
    let refusal: { code?: string } | undefined;
    for (let attempt = 0; attempt < GUEST_ATTEMPTS_PER_MINUTE && !refusal; attempt++) {
      refusal = await guest.join('desk.rooms', 'r1', undefined, 'wrong').then(
        () => ({}),
        (error: { code?: string }) => (error.code === 'realtime.rateLimited' ? error : undefined),
      );
    }
    expect(refusal).toMatchObject({ code: 'realtime.rateLimited' });
    await expect(connectRealtime(baseUrl, { guest: true })).rejects.toMatchObject({ code: 'realtime.rateLimited' });
    guest.close();
  });
});
