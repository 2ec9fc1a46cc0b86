import type { TestHost, TestHostClient } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiConciergePlugin } from '../../ai-concierge/src/index.ts';
import { knowledgePlugin } from '../../knowledge/src/index.ts';
import { startTranslationSandbox, type TranslationSandbox } from '../src/sandbox/translation-sandbox.ts';
import { act, clientId, databaseKinds, resident, SLOW_TEST_MS, startContactCenter } from './support.ts';

interface Message {
  seq: number;
  body: string;
  language: string | null;
  author: { kind: string };
  translations: Array<{ language: string; status: string; body: string | null }>;
}

const SYSTEM = { kind: 'system' } as const;
const read = async (client: TestHostClient, id: string): Promise<Message[]> =>
  (await client.request('GET', `/api/plugins/contact-center/conversations/${id}`)).body.messages;

/** Waits until the knowledge index has caught up with the records written (it follows them through events). */
async function eventually<T>(check: () => Promise<T>, milliseconds = 10_000): Promise<T> {
  const deadline = Date.now() + milliseconds;
  for (;;) {
    try {
      return await check();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/**
 * What tier 1 and the system say reaches a resident who reads another language translated
 * through the same port as staff replies, stored beside the Japanese original: the greeting,
 * the FAQ's answer, the offer of a person, the handoff line. Japanese conversations and lines
 * already in the resident's language are not sent to the translator at all; with nothing
 * configured each line says so.
 */
describe.each(databaseKinds())('tier 1 and system lines translated on %s', { timeout: SLOW_TEST_MS }, (kind) => {
  let host: TestHost;
  let sandbox: TranslationSandbox;

  beforeAll(async () => {
    sandbox = await startTranslationSandbox();
    ({ host } = await startContactCenter(kind, [knowledgePlugin()]));
    await host.data(SYSTEM, 'knowledge').create('KnowledgeFaq', {
      externalId: 'sodai',
      question: '粗大ごみはどうやって出しますか。',
      answer: '粗大ごみは、粗大ごみ受付センターに申し込んでから出してください。',
      classification: 'public',
      status: 'published',
    });
    await host.settled();
    const settings = {
      translationAdapter: 'openai-compatible',
      translationBaseUrl: sandbox.baseUrl,
      translationModel: 'city-translate',
      translationTimeoutMs: 1_000,
    };
    expect((await host.setSettings('contact-center', settings)).status).toBe(200);
  }, SLOW_TEST_MS);
  afterAll(async () => {
    await host?.close();
    await sandbox?.close();
  });

  it('translates the greeting, the FAQ answer, the offer of a person and the handoff line for the resident', async () => {
    const writer = await resident(host);
    const { body: conversation } = await act(writer, 'start', { language: 'ko' });
    const [greeting] = await read(writer, conversation.id);
    expect(greeting).toMatchObject({
      author: { kind: 'system' },
      language: 'ja',
      translations: [{ language: 'ko', status: 'translated', body: `[ko] ${greeting?.body}` }],
    });
    await eventually(async () => {
      await act(writer, 'send', { conversationId: conversation.id, clientId: clientId(), body: '粗大ごみ 出し方' });
      const faq = (await read(writer, conversation.id)).find((m) => m.author.kind === 'faq');
      expect(faq?.body).toContain('受付センター');
      expect(faq).toMatchObject({ language: 'ja', translations: [{ language: 'ko', status: 'translated' }] });
      expect(faq?.translations[0]?.body).toBe(`[ko] ${faq?.body}`);
    });
    await act(writer, 'send', { conversationId: conversation.id, clientId: clientId(), body: 'ㅁㄴㅇㄹ' });
    const offer = (await read(writer, conversation.id)).at(-1);
    expect(offer).toMatchObject({ author: { kind: 'system' }, language: 'ja' });
    expect(offer?.translations[0]).toMatchObject({ language: 'ko', status: 'translated', body: `[ko] ${offer?.body}` });
    await act(writer, 'requestPerson', { conversationId: conversation.id, shareProfile: false });
    const handoff = (await read(writer, conversation.id)).at(-1);
    expect(handoff?.body).toContain('オペレーターにおつなぎします');
    expect(handoff?.translations[0]).toMatchObject({ language: 'ko', body: `[ko] ${handoff?.body}` });
  });

  it('asks the translator nothing for a Japanese conversation, and says so when nothing is configured', async () => {
    const writer = await resident(host);
    const before = sandbox.requests.length;
    const { body: japanese } = await act(writer, 'start', { language: 'ja' });
    await act(writer, 'requestPerson', { conversationId: japanese.id, shareProfile: false });
    const lines = await read(writer, japanese.id);
    expect(lines.map((m) => [m.author.kind, m.language, m.translations])).toEqual([
      ['system', 'ja', []],
      ['system', 'ja', []],
    ]);
    expect(sandbox.requests).toHaveLength(before);

    expect((await host.setSettings('contact-center', {})).status).toBe(200);
    const { body: english } = await act(writer, 'start', { language: 'en' });
    const [greeting] = await read(writer, english.id);
    expect(greeting?.translations).toMatchObject([{ language: 'en', status: 'notConfigured', body: null }]);
    expect(sandbox.requests).toHaveLength(before);
  });
});

describe.each(databaseKinds())('the AI tier in the resident language on %s', { timeout: SLOW_TEST_MS }, (kind) => {
  let host: TestHost;
  let sandbox: TranslationSandbox;

  beforeAll(async () => {
    sandbox = await startTranslationSandbox();
    ({ host } = await startContactCenter(kind, [knowledgePlugin(), aiConciergePlugin()]));
    const settings = {
      translationAdapter: 'openai-compatible',
      translationBaseUrl: sandbox.baseUrl,
      translationModel: 'city-translate',
    };
    expect((await host.setSettings('contact-center', settings)).status).toBe(200);
  }, SLOW_TEST_MS);
  afterAll(async () => {
    await host?.close();
    await sandbox?.close();
  });

  it('leaves an answer the concierge wrote in the resident language as it is, and translates one it wrote in Japanese', async () => {
    const english = await resident(host);
    const { body: inEnglish } = await act(english, 'start', { language: 'en' });
    await act(english, 'send', {
      conversationId: inEnglish.id,
      clientId: clientId(),
      body: 'Is there a space travel grant?',
    });
    const declined = (await read(english, inEnglish.id)).find((m) => m.author.kind === 'ai');
    expect(declined).toMatchObject({ language: 'en', translations: [] });
    expect(declined?.body).toMatch(/could not find/);

    const vietnamese = await resident(host);
    const { body: inVietnamese } = await act(vietnamese, 'start', { language: 'vi' });
    await act(vietnamese, 'send', {
      conversationId: inVietnamese.id,
      clientId: clientId(),
      body: 'Trợ cấp du hành vũ trụ?',
    });
    const japanese = (await read(vietnamese, inVietnamese.id)).find((m) => m.author.kind === 'ai');
    expect(japanese).toMatchObject({ language: 'ja', translations: [{ language: 'vi', status: 'translated' }] });
    expect(japanese?.translations[0]?.body).toBe(`[vi] ${japanese?.body}`);
  });
});
