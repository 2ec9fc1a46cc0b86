import type { TestHost, TestHostClient } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE } from '../src/roles.ts';
import { startTranslationSandbox, type TranslationSandbox } from '../src/sandbox/translation-sandbox.ts';
import {
  act,
  clientId,
  databaseKinds,
  operatorFor,
  resident,
  SLOW_TEST_MS,
  staff,
  startContactCenter,
} from './support.ts';

interface Message {
  seq: number;
  body: string;
  language: string | null;
  author: { kind: string };
  translations: Array<{ language: string; status: string; body: string | null; adapter: string; model: string | null }>;
}

const read = async (client: TestHostClient, id: string): Promise<Message[]> =>
  (await client.request('GET', `/api/plugins/contact-center/conversations/${id}`)).body.messages;

describe.each(databaseKinds())('translated conversations on %s', { timeout: SLOW_TEST_MS }, (kind) => {
  let host: TestHost;
  let sandbox: TranslationSandbox;
  let supervisor: TestHostClient;
  let operator: TestHostClient;

  /** A resident's conversation in `language`, accepted by the operator. */
  async function accepted(language: string) {
    const writer = await resident(host);
    const { body: conversation } = await act(writer, 'start', { language });
    expect((await act(operator, 'accept', { conversationId: conversation.id })).status).toBe(200);
    return { writer, id: conversation.id as string };
  }

  beforeAll(async () => {
    sandbox = await startTranslationSandbox();
    ({ host } = await startContactCenter(kind));
    supervisor = await staff(host, [ROLE.supervisor]);
    operator = await operatorFor(
      host,
      supervisor,
      { code: 'general', skill: 'general' },
      { name: '佐藤', capacity: 20 },
    );
    // Busy: takes chats by accepting them, none is dispatched to it meanwhile.
    await act(operator, 'setPresence', { presence: 'busy' });
  }, SLOW_TEST_MS);
  afterAll(async () => {
    await host?.close();
    await sandbox?.close();
  });

  it('without a translator configured, delivers the original and says no translation is configured', async () => {
    const { writer, id } = await accepted('en');
    const sent = await act(writer, 'send', { conversationId: id, clientId: clientId(), body: 'Hello, I moved.' });
    expect(sent.body.message).toMatchObject({
      body: 'Hello, I moved.',
      language: 'en',
      translations: [{ language: 'ja', status: 'notConfigured', body: null, adapter: 'none', model: null }],
    });
    expect(sandbox.requests).toHaveLength(0);
  });

  it('lets an English-writing resident and a Japanese-writing operator talk, live over socket.io', async () => {
    const settings = {
      translationAdapter: 'openai-compatible',
      translationBaseUrl: sandbox.baseUrl,
      translationModel: 'city-translate',
      translationApiKey: 'sk-city-translate',
      translationTimeoutMs: 1_000,
    };
    expect((await host.setSettings('contact-center', settings)).status).toBe(200);
    sandbox.behaviour = { kind: 'translate' };
    const { writer, id } = await accepted('en');
    const residentSocket = await host.realtime(writer);
    await residentSocket.join('contact-center.conversation', id);
    const operatorSocket = await host.realtime(operator);
    await operatorSocket.join('contact-center.conversation', id);

    await act(writer, 'send', { conversationId: id, clientId: clientId(), body: 'Where do I take bulky waste?' });
    const question = await operatorSocket.waitForMessage(
      (m) => m.event === 'message' && (m.payload as Message).author.kind === 'resident',
    );
    expect(question.payload).toMatchObject({
      body: 'Where do I take bulky waste?',
      language: 'en',
      translations: [
        {
          language: 'ja',
          status: 'translated',
          body: '[ja] Where do I take bulky waste?',
          adapter: 'openai-compatible',
          model: 'city-translate',
        },
      ],
    });
    expect(sandbox.requests.at(-1)?.authorization).toBe('Bearer sk-city-translate');

    const reply = '粗大ごみは受付センターに申し込んでください。';
    await act(operator, 'send', { conversationId: id, clientId: clientId(), body: reply });
    const answer = await residentSocket.waitForMessage(
      (m) => m.event === 'message' && (m.payload as Message).author.kind === 'operator',
    );
    expect(answer.payload).toMatchObject({
      body: reply,
      language: 'ja',
      translations: [{ language: 'en', status: 'translated', body: `[en] ${reply}` }],
    });
    residentSocket.close();
    operatorSocket.close();
    // Answer suggestions search with the Japanese translation, as staff would.
    const suggestions = await operator.request('GET', `/api/plugins/contact-center/conversations/${id}/suggestions`);
    expect(suggestions.body.inquiry).toBe('[ja] Where do I take bulky waste?');

    // Catching up (a reconnect, the console) reads the same originals with their translations.
    const [, theirs, ours] = await read(operator, id);
    expect(theirs?.translations[0]?.body).toBe('[ja] Where do I take bulky waste?');
    expect(ours).toMatchObject({ body: reply, translations: [{ language: 'en', body: `[en] ${reply}` }] });
    expect(await read(writer, id)).toEqual(await read(operator, id));
  });

  it('never loses a message when the translator times out, fails or answers garbage: the original goes, marked', async () => {
    const { writer, id } = await accepted('vi');
    const behaviours = [{ kind: 'slow', delayMs: 3_000 }, { kind: 'down' }, { kind: 'garbage' }] as const;
    const reasons: string[] = [];
    for (const behaviour of behaviours) {
      sandbox.behaviour = behaviour;
      const body = `Xin chào (${behaviour.kind})`;
      const sent = await act(writer, 'send', { conversationId: id, clientId: clientId(), body });
      expect(sent.status).toBe(200);
      expect(sent.body.message).toMatchObject({ body, language: 'vi' });
      const [translation] = sent.body.message.translations;
      expect(translation).toMatchObject({ language: 'ja', status: 'failed', body: null, adapter: 'openai-compatible' });
      reasons.push(translation.failure);
    }
    expect(reasons).toEqual(['timeout', 'error', 'garbage']);
    sandbox.behaviour = { kind: 'translate' };
    const reply = await act(operator, 'send', { conversationId: id, clientId: clientId(), body: 'お待たせしました。' });
    expect(reply.body.message.translations).toMatchObject([{ language: 'vi', body: '[vi] お待たせしました。' }]);
    const transcript = (await read(writer, id)).filter((m) => m.author.kind !== 'system');
    const suggestions = await operator.request('GET', `/api/plugins/contact-center/conversations/${id}/suggestions`);
    expect(suggestions.body.inquiry).toBe('Xin chào (slow)\nXin chào (down)\nXin chào (garbage)');

    // Ended: the message is refused before anything is sent out for translation.
    expect((await act(writer, 'close', { conversationId: id })).status).toBe(200);
    const asked = sandbox.requests.length;
    const late = await act(writer, 'send', { conversationId: id, clientId: clientId(), body: 'Cảm ơn' });
    expect(late.status).toBe(409);
    expect(sandbox.requests).toHaveLength(asked);
    expect(transcript.map((m) => m.body)).toEqual([
      'Xin chào (slow)',
      'Xin chào (down)',
      'Xin chào (garbage)',
      'お待たせしました。',
    ]);
  });

  it('leaves Japanese alone, rewrites staff replies for やさしい日本語, and asks once for a resent message', async () => {
    sandbox.behaviour = { kind: 'translate' };
    const japanese = await accepted('ja');
    const before = sandbox.requests.length;
    const plain = await act(japanese.writer, 'send', {
      conversationId: japanese.id,
      clientId: clientId(),
      body: 'こんにちは',
    });
    expect(plain.body.message).toMatchObject({ language: 'ja', translations: [] });
    expect(sandbox.requests).toHaveLength(before);

    const easy = await accepted('ja-x-easy');
    const mine = await act(easy.writer, 'send', {
      conversationId: easy.id,
      clientId: clientId(),
      body: 'ごみの ひ は？',
    });
    expect(mine.body.message).toMatchObject({ language: 'ja-easy', translations: [] });
    const resent = clientId();
    const first = await act(operator, 'send', {
      conversationId: easy.id,
      clientId: resent,
      body: '収集日は月曜日です。',
    });
    expect(first.body.message.translations).toMatchObject([
      { language: 'ja-easy', body: '[ja-easy] 収集日は月曜日です。' },
    ]);
    const asked = sandbox.requests.length;
    const again = await act(operator, 'send', {
      conversationId: easy.id,
      clientId: resent,
      body: '収集日は月曜日です。',
    });
    expect(again.body).toMatchObject({ duplicate: true, message: first.body.message });
    expect(sandbox.requests).toHaveLength(asked);
  });

  it('refuses settings that are not a translator, and never shows or logs the key', async () => {
    const refused = await host.setSettings('contact-center', { translationAdapter: 'deepl-ish' });
    expect(refused.status).toBe(422);
    const shown = await host.request('GET', '/api/admin/settings/contact-center', { as: 'admin' });
    expect(shown.status).toBe(200);
    expect(JSON.stringify(shown.body)).toContain('city-translate');
    expect(JSON.stringify(shown.body)).not.toContain('sk-city-translate');
    // The failures above were logged (reason only): neither the key nor a message's text is in any log.
    const logs = JSON.stringify(host.logs);
    expect(logs).toContain('a message was delivered untranslated');
    expect(logs).not.toContain('sk-city-translate');
    expect(logs).not.toContain('Xin chào');
  });
});
