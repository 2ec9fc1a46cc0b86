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

/** A conversation translated through the `deepl` adapter, the sandbox speaking DeepL's contract. */
describe.each(databaseKinds())('conversations translated by DeepL on %s', { timeout: SLOW_TEST_MS }, (kind) => {
  let host: TestHost;
  let sandbox: TranslationSandbox;
  let operator: TestHostClient;

  beforeAll(async () => {
    sandbox = await startTranslationSandbox();
    ({ host } = await startContactCenter(kind));
    const supervisor = await staff(host, [ROLE.supervisor]);
    operator = await operatorFor(host, supervisor, { code: 'general', skill: 'general' }, { capacity: 20 });
    await act(operator, 'setPresence', { presence: 'busy' });
    const saved = await host.setSettings('contact-center', {
      translationAdapter: 'deepl',
      translationBaseUrl: sandbox.origin,
      translationApiKey: 'deepl-city-key:fx',
    });
    expect(saved.status).toBe(200);
  }, SLOW_TEST_MS);
  afterAll(async () => {
    await host?.close();
    await sandbox?.close();
  });

  async function accepted(language: string) {
    const writer = await resident(host);
    const { body: conversation } = await act(writer, 'start', { language });
    expect((await act(operator, 'accept', { conversationId: conversation.id })).status).toBe(200);
    return { writer, id: conversation.id as string };
  }

  it('translates a Korean resident into Japanese and the operator into Korean through /v2/translate', async () => {
    const { writer, id } = await accepted('ko');
    const asked = await act(writer, 'send', { conversationId: id, clientId: clientId(), body: '이사했습니다.' });
    expect(asked.body.message.translations).toEqual([
      expect.objectContaining({ language: 'ja', status: 'translated', body: '[JA] 이사했습니다.', adapter: 'deepl' }),
    ]);
    const replied = await act(operator, 'send', {
      conversationId: id,
      clientId: clientId(),
      body: '転入届を出してください。',
    });
    expect(replied.body.message.translations).toEqual([
      expect.objectContaining({ language: 'ko', status: 'translated', body: '[KO] 転入届を出してください。' }),
    ]);
    expect(sandbox.requests.at(-1)).toMatchObject({
      path: '/v2/translate',
      authorization: 'DeepL-Auth-Key deepl-city-key:fx',
      body: { source_lang: 'JA', target_lang: 'KO' },
    });
  });

  it('delivers a reply to a やさしい日本語 reader untranslated, saying DeepL has no such language', async () => {
    const { id } = await accepted('ja-x-easy');
    const asked = sandbox.requests.length;
    const replied = await act(operator, 'send', {
      conversationId: id,
      clientId: clientId(),
      body: '窓口は9時からです。',
    });
    expect(replied.body.message).toMatchObject({
      body: '窓口は9時からです。',
      translations: [
        { language: 'ja-easy', status: 'failed', body: null, adapter: 'deepl', failure: 'unsupportedLanguage' },
      ],
    });
    expect(sandbox.requests.length).toBe(asked);
  });
});
