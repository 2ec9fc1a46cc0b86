import type { TestHost, TestHostClient } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE } from '../src/roles.ts';
import {
  act,
  clientId,
  databaseKinds,
  idOf,
  operatorFor,
  resident,
  SLOW_TEST_MS,
  staff,
  startContactCenter,
  type TestClock,
} from './support.ts';

describe.each(databaseKinds())('conversations on %s', { timeout: SLOW_TEST_MS }, (kind) => {
  let host: TestHost;
  let clock: TestClock;
  let supervisor: TestHostClient;

  beforeAll(async () => {
    ({ host, clock } = await startContactCenter(kind));
    supervisor = await staff(host, [ROLE.supervisor]);
  }, SLOW_TEST_MS);
  afterAll(async () => host?.close());

  it('without a first tier goes straight to the queue, and the resident sees who answers', async () => {
    const hanako = await resident(host);
    const started = await act(hanako, 'start', { language: 'ja' });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ channel: 'chat', status: 'queued', tier: 'operator', queue: 'general' });
    expect(started.body.answeredBy).toMatchObject({ tier: 'operator', status: 'queued', name: null });
  });

  it('delivers messages in order over socket.io and catches up after a reconnect without loss or repeats', async () => {
    const hanako = await resident(host);
    const { body: conversation } = await act(hanako, 'start', {});
    const socket = await host.realtime(hanako);
    await socket.join('contact-center.conversation', conversation.id);
    const first = await act(hanako, 'send', { conversationId: conversation.id, clientId: clientId(), body: '一つ目' });
    const second = await act(hanako, 'send', { conversationId: conversation.id, clientId: clientId(), body: '二つ目' });
    expect([first.body.message.seq, second.body.message.seq]).toEqual([
      first.body.message.seq,
      first.body.message.seq + 1,
    ]);
    await socket.waitForMessage((m) => m.event === 'message' && (m.payload as { body: string }).body === '二つ目');
    const live = socket.messages.filter((m) => m.event === 'message').map((m) => (m.payload as { seq: number }).seq);
    expect(live).toEqual([...live].sort((a, b) => a - b));
    const lastRealtimeId = Math.max(...socket.messages.map((m) => m.id));
    socket.close();

    // Away: three more, one of them sent twice (its answer was lost), another with the same id as before.
    const resend = clientId();
    await act(hanako, 'send', { conversationId: conversation.id, clientId: resend, body: '三つ目' });
    const again = await act(hanako, 'send', { conversationId: conversation.id, clientId: resend, body: '三つ目' });
    expect(again.body.duplicate).toBe(true);
    await act(hanako, 'send', { conversationId: conversation.id, clientId: clientId(), body: '四つ目' });

    const lastSeen = second.body.message.seq;
    const caughtUp = await hanako.request(
      'GET',
      `/api/plugins/contact-center/conversations/${conversation.id}?after=${lastSeen}`,
    );
    expect(caughtUp.status).toBe(200);
    expect(caughtUp.body.messages.map((m: { body: string }) => m.body)).toEqual(['三つ目', '四つ目']);
    expect(caughtUp.body.messages.map((m: { seq: number }) => m.seq)).toEqual([lastSeen + 1, lastSeen + 2]);

    const back = await host.realtime(hanako);
    await back.join('contact-center.conversation', conversation.id, lastRealtimeId);
    const replayed = back.messages
      .filter((m) => m.event === 'message')
      .map((m) => (m.payload as { body: string }).body);
    expect(replayed).toEqual(['三つ目', '四つ目']);
    back.close();
  });

  it('sends typing notices and read marks that never move back', async () => {
    const hanako = await resident(host);
    const { body: conversation } = await act(hanako, 'start', {});
    const socket = await host.realtime(hanako);
    await socket.join('contact-center.conversation', conversation.id);
    expect((await act(hanako, 'typing', { conversationId: conversation.id, typing: true })).status).toBe(200);
    const typing = await socket.waitForMessage((m) => m.event === 'typing');
    expect(typing.payload).toEqual({ side: 'resident', typing: true });
    const marked = await act(hanako, 'markRead', { conversationId: conversation.id, seq: 1000 });
    expect(marked.body.read).toBe(conversation.lastSeq);
    await act(hanako, 'markRead', { conversationId: conversation.id, seq: 0 });
    const { rows } = await host
      .context()
      .sql.query<{ last_read_seq: number }>(
        "select last_read_seq from participant where conversation_id = $1 and role = 'resident'",
        [conversation.id],
      );
    expect(rows[0]?.last_read_seq).toBe(conversation.lastSeq);
    socket.close();
  });

  it('attaches a file through the files service and shows it only to the conversation', async () => {
    const hanako = await resident(host);
    const other = await resident(host);
    const { body: conversation } = await act(hanako, 'start', {});
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    );
    const upload = async (client: typeof hanako, bytes: Buffer, name: string) => {
      const form = new FormData();
      form.set('clientId', clientId());
      form.set('file', new File([new Uint8Array(bytes)], name));
      const { origin } = await host.listen();
      const response = await fetch(
        `${origin}/api/plugins/contact-center/conversations/${conversation.id}/attachments`,
        {
          method: 'POST',
          headers: { cookie: client.cookie },
          body: form,
        },
      );
      return { status: response.status, body: await response.json() };
    };
    const sent = await upload(hanako, png, '写真.png');
    expect(sent.status).toBe(200);
    expect(sent.body.message.attachment).toMatchObject({
      name: '写真.png',
      contentType: 'image/png',
      size: png.length,
    });
    const recordId = sent.body.message.attachment.recordId;
    const url = await hanako.request(
      'GET',
      `/api/plugins/contact-center/conversations/${conversation.id}/attachments/${recordId}`,
    );
    expect(url.status).toBe(200);
    expect(url.body.url).toContain('/api/files/');
    const refused = await other.request(
      'GET',
      `/api/plugins/contact-center/conversations/${conversation.id}/attachments/${recordId}`,
    );
    expect(refused.status).toBe(404);
    const script = await upload(hanako, Buffer.from('#!/bin/sh\necho hi\n'), 'x.sh');
    expect(script.status).toBe(415);
    const messages = await hanako.request('GET', `/api/plugins/contact-center/conversations/${conversation.id}`);
    expect(messages.body.messages.filter((m: { attachment: unknown }) => m.attachment)).toHaveLength(1);
  });

  it('refuses bad input with located errors and changes nothing', async () => {
    const hanako = await resident(host);
    const { body: conversation } = await act(hanako, 'start', {});
    const tooLong = await act(hanako, 'send', {
      conversationId: conversation.id,
      clientId: clientId(),
      body: 'あ'.repeat(4001),
    });
    expect(tooLong.status).toBe(422);
    expect(JSON.stringify(tooLong.body)).toContain('/body');
    const badId = await act(hanako, 'send', { conversationId: conversation.id, clientId: 'x', body: 'こんにちは' });
    expect(badId.status).toBe(422);
    const blank = await act(hanako, 'send', { conversationId: conversation.id, clientId: clientId(), body: '   ' });
    expect(blank.status).toBe(422);
    const read = await hanako.request('GET', `/api/plugins/contact-center/conversations/${conversation.id}`);
    expect(read.body.conversation.lastSeq).toBe(conversation.lastSeq);
  });

  it('hides a conversation from other residents and from staff without its queue', async () => {
    const hanako = await resident(host);
    const other = await resident(host);
    const { body: conversation } = await act(hanako, 'start', {});
    const peek = await other.request('GET', `/api/plugins/contact-center/conversations/${conversation.id}`);
    expect(peek.status).toBe(404);
    const write = await act(other, 'send', { conversationId: conversation.id, clientId: clientId(), body: '横から' });
    expect(write.status).toBe(404);
    const outsider = await operatorFor(host, supervisor, { code: 'tax', skill: 'tax' });
    const staffPeek = await outsider.request('GET', `/api/plugins/contact-center/conversations/${conversation.id}`);
    expect(staffPeek.status).toBe(404);
    const socket = await host.realtime(other);
    await expect(socket.join('contact-center.conversation', conversation.id)).rejects.toMatchObject({
      code: 'realtime.forbidden',
    });
    expect(idOf(hanako.actor)).not.toBe(idOf(other.actor));
  });

  it("gives the resident the operator's side live, to nobody else, and only what was missed after a reconnect", async () => {
    const hanako = await resident(host);
    const other = await resident(host);
    const { body: conversation } = await act(hanako, 'start', {});
    const room = conversation.id;
    const operator = await operatorFor(host, supervisor, { code: 'general', skill: 'general' }, { name: '佐藤' });
    await act(operator, 'setPresence', { presence: 'busy' });
    // Staff configured with the queue's skill but holding no contact-centre role: refused all the same.
    const roleless = await operatorFor(host, supervisor, { code: 'general', skill: 'general' }, { roles: [] });
    for (const outsider of [other, roleless]) {
      const socket = await host.realtime(outsider);
      await expect(socket.join('contact-center.conversation', room)).rejects.toMatchObject({
        code: 'realtime.forbidden',
      });
      socket.close();
    }

    const socket = await host.realtime(hanako);
    await socket.join('contact-center.conversation', room);
    expect((await act(operator, 'accept', { conversationId: room })).status).toBe(200);
    const joined = await socket.waitForMessage(
      (m) => m.event === 'answeredBy' && (m.payload as { status: string }).status === 'assigned',
    );
    expect(joined.payload).toMatchObject({ tier: 'operator', name: '佐藤' });
    await act(operator, 'typing', { conversationId: room, typing: true });
    await socket.waitForMessage((m) => m.event === 'typing' && (m.payload as { side: string }).side === 'staff');
    const reply = await act(operator, 'send', { conversationId: room, clientId: clientId(), body: '担当の佐藤です。' });
    const seen = reply.body.message.seq;
    const live = await socket.waitForMessage(
      (m) => m.event === 'message' && (m.payload as { seq: number }).seq === seen,
    );
    expect(live.payload).toMatchObject({ body: '担当の佐藤です。', author: { kind: 'operator', name: '佐藤' } });
    await act(operator, 'markRead', { conversationId: room, seq: seen });
    const read = await socket.waitForMessage((m) => m.event === 'read');
    expect(read.payload).toEqual({ side: 'staff', seq: seen });
    socket.close();

    // Away: the operator writes three more; back, the chat asks for what came after the last number it holds.
    for (const body of ['一', '二', '三'])
      await act(operator, 'send', { conversationId: room, clientId: clientId(), body });
    const caughtUp = await hanako.request('GET', `/api/plugins/contact-center/conversations/${room}?after=${seen}`);
    expect(caughtUp.body.messages.map((m: { body: string; seq: number }) => [m.seq, m.body])).toEqual([
      [seen + 1, '一'],
      [seen + 2, '二'],
      [seen + 3, '三'],
    ]);
    const nothingNew = await hanako.request(
      'GET',
      `/api/plugins/contact-center/conversations/${room}?after=${seen + 3}`,
    );
    expect(nothingNew.body.messages).toEqual([]);
  });

  it('limits a flooding resident per conversation and tells them so', async () => {
    const hanako = await resident(host);
    const { body: conversation } = await act(hanako, 'start', {});
    clock.hold();
    const answers: number[] = [];
    for (let i = 0; i < 22; i += 1) {
      answers.push(
        (await act(hanako, 'send', { conversationId: conversation.id, clientId: clientId(), body: `${i}` })).status,
      );
    }
    expect(answers.filter((status) => status === 200)).toHaveLength(20);
    const refused = await act(hanako, 'send', {
      conversationId: conversation.id,
      clientId: clientId(),
      body: 'まだ？',
    });
    expect(refused.status).toBe(429);
    expect(refused.body.code).toBe('contact-center.rateLimited');
    clock.release();
  });

  it('lets an anonymous visitor chat with the conversation token, and nobody without it', async () => {
    const started = await host.request('POST', '/api/public/contact-center/conversations', {
      body: { language: 'ja' },
    });
    expect(started.status).toBe(201);
    const { conversation, token } = started.body;
    const headers = { 'x-conversation-token': token };
    const sent = await host.request('POST', `/api/public/contact-center/conversations/${conversation.id}/messages`, {
      headers,
      body: { clientId: clientId(), body: '住民票の取り方を教えてください' },
    });
    expect(sent.status).toBe(200);
    const read = await host.request('GET', `/api/public/contact-center/conversations/${conversation.id}?after=0`, {
      headers,
    });
    expect(read.body.messages.map((m: { body: string }) => m.body)).toContain('住民票の取り方を教えてください');
    const stranger = await host.request('GET', `/api/public/contact-center/conversations/${conversation.id}`, {
      headers: { 'x-conversation-token': 'wrong' },
    });
    expect(stranger.status).toBe(404);
    const junk = await host.request('POST', `/api/public/contact-center/conversations/${conversation.id}/messages`, {
      headers,
      body: { clientId: clientId(), body: 'x', extra: true },
    });
    expect(junk.status).toBe(422);
  });
});
