import type { TestHost, TestHostClient } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE } from '../src/roles.ts';
import { act, clientId, databaseKinds, operatorFor, SLOW_TEST_MS, staff, startContactCenter } from './support.ts';

/**
 * An anonymous visitor's conversation over socket.io: a guest socket (no session) joins the
 * conversation's room with the visitor's token and with nothing else, hears the operator live,
 * and after a reconnect gets what it missed by the last message id, each once.
 */
describe.each(databaseKinds())('anonymous conversations live on %s', { timeout: SLOW_TEST_MS }, (kind) => {
  let host: TestHost;
  let supervisor: TestHostClient;

  beforeAll(async () => {
    ({ host } = await startContactCenter(kind));
    supervisor = await staff(host, [ROLE.supervisor]);
  }, SLOW_TEST_MS);
  afterAll(async () => host?.close());

  it("gives an anonymous visitor's socket their conversation live with its token, and catches up by message id", async () => {
    const started = await host.request('POST', '/api/public/contact-center/conversations', { body: {} });
    const { conversation, token } = started.body;
    const room = conversation.id;
    const other = await host.request('POST', '/api/public/contact-center/conversations', { body: {} });
    const headers = { 'x-conversation-token': token };
    const operator = await operatorFor(host, supervisor, { code: 'general', skill: 'general' }, { name: '鈴木' });
    await act(operator, 'setPresence', { presence: 'busy' });

    const guest = await host.realtime(null);
    for (const credential of [undefined, other.body.token, 'not-a-token'])
      await expect(guest.join('contact-center.conversation', room, undefined, credential)).rejects.toMatchObject({
        code: 'realtime.forbidden',
      });
    await guest.join('contact-center.conversation', room, undefined, token);
    expect((await act(operator, 'accept', { conversationId: room })).status).toBe(200);
    const assigned = await guest.waitForMessage(
      (m) => m.event === 'answeredBy' && (m.payload as { status: string }).status === 'assigned',
    );
    expect(assigned.payload).toMatchObject({ tier: 'operator', name: '鈴木' });
    const reply = await act(operator, 'send', { conversationId: room, clientId: clientId(), body: 'ご用件をどうぞ。' });
    const live = await guest.waitForMessage(
      (m) => m.event === 'message' && (m.payload as { seq: number }).seq === reply.body.message.seq,
    );
    expect(live.payload).toMatchObject({ body: 'ご用件をどうぞ。', author: { kind: 'operator', name: '鈴木' } });
    const mine = await host.request('POST', `/api/public/contact-center/conversations/${room}/messages`, {
      headers,
      body: { clientId: clientId(), body: '粗大ごみの出し方です。' },
    });
    await guest.waitForMessage(
      (m) => m.event === 'message' && (m.payload as { seq: number }).seq === mine.body.message.seq,
    );
    const lastId = Math.max(...guest.messages.map((m) => m.id));
    guest.close();

    // Away: the operator answers twice; back, the socket gets what it missed by the last id it saw, each once.
    for (const body of ['収集日は', '月曜日です。'])
      await act(operator, 'send', { conversationId: room, clientId: clientId(), body });
    const back = await host.realtime(null);
    await back.join('contact-center.conversation', room, lastId, token);
    expect(back.messages.filter((m) => m.event === 'message').map((m) => (m.payload as { body: string }).body)).toEqual(
      ['収集日は', '月曜日です。'],
    );
    back.close();
  });
});
