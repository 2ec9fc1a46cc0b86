import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTranslationSandbox, type TranslationSandbox } from '../src/sandbox/translation-sandbox.ts';
import { DEEPL_TARGET, DeepLTranslator } from '../src/translation/deepl.ts';
import { translatorFrom } from '../src/translation/settings.ts';
import { CONVERSATION_LANGUAGES, NO_TRANSLATION, TranslationUnavailable } from '../src/translation/translation-port.ts';

describe("the DeepL adapter against the translation sandbox's DeepL contract", () => {
  let sandbox: TranslationSandbox;
  const adapter = (apiKey = 'deepl-test-key:fx', timeoutMs = 5_000) =>
    new DeepLTranslator({ baseUrl: sandbox.origin, apiKey, timeoutMs });

  beforeAll(async () => {
    sandbox = await startTranslationSandbox();
  });
  afterAll(() => sandbox?.close());

  const failure = async (work: Promise<unknown>) => {
    const error = await work.then(
      () => null,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(TranslationUnavailable);
    return error as TranslationUnavailable;
  };

  it('posts to /v2/translate with the DeepL key header, source and target, and names who translated', async () => {
    sandbox.behaviour = { kind: 'translate' };
    const outcome = await adapter().translate('粗大ごみの出し方を教えてください。', 'ja', 'en');
    expect(outcome).toEqual({
      status: 'translated',
      text: '[EN-US] 粗大ごみの出し方を教えてください。',
      adapter: 'deepl',
      model: null,
    });
    const request = sandbox.requests.at(-1);
    expect(request?.path).toBe('/v2/translate');
    expect(request?.authorization).toBe('DeepL-Auth-Key deepl-test-key:fx');
    expect(request?.body).toEqual({
      text: ['粗大ごみの出し方を教えてください。'],
      source_lang: 'JA',
      target_lang: 'EN-US',
    });
  });

  it('maps the portal languages to DeepL targets, Chinese by script, and has none for やさしい日本語', async () => {
    sandbox.behaviour = { kind: 'translate' };
    expect(Object.keys(DEEPL_TARGET).sort()).toEqual([...CONVERSATION_LANGUAGES].sort());
    for (const [to, mark] of [
      ['zh-Hans', 'ZH-HANS'],
      ['zh-Hant', 'ZH-HANT'],
      ['ko', 'KO'],
      ['vi', 'VI'],
    ] as const) {
      expect(await adapter().translate('こんにちは', 'ja', to)).toMatchObject({ text: `[${mark}] こんにちは` });
    }
    const fromChinese = await adapter().translate('你好', 'zh-Hant', 'ja');
    expect(fromChinese).toMatchObject({ text: '[JA] 你好' });
    expect(sandbox.requests.at(-1)?.body).toMatchObject({ source_lang: 'ZH', target_lang: 'JA' });

    const asked = sandbox.requests.length;
    const easy = await failure(adapter().translate('申請書を出してください。', 'ja', 'ja-easy'));
    expect(easy.reason).toBe('unsupportedLanguage');
    expect(sandbox.requests.length).toBe(asked);
  });

  it('fails plainly on a wrong key, an endpoint down, garbage and a timeout, and never names the key', async () => {
    sandbox.behaviour = { kind: 'translate' };
    const refused = await failure(adapter('').translate('x', 'ja', 'en'));
    expect(refused.reason).toBe('error');
    expect(refused.message).toContain('403');
    sandbox.behaviour = { kind: 'down' };
    const down = await failure(adapter().translate('x', 'ja', 'en'));
    expect(down.reason).toBe('error');
    expect(down.message).not.toContain('deepl-test-key');
    sandbox.behaviour = { kind: 'garbage' };
    expect((await failure(adapter().translate('x', 'ja', 'en'))).reason).toBe('garbage');
    sandbox.behaviour = { kind: 'slow', delayMs: 1_500 };
    expect((await failure(adapter('deepl-test-key:fx', 500).translate('x', 'ja', 'en'))).reason).toBe('timeout');
    sandbox.behaviour = { kind: 'translate' };
  });

  it('is configured by the settings only with an endpoint and a key', () => {
    expect(translatorFrom({ translationAdapter: 'deepl', translationBaseUrl: sandbox.origin })).toBe(NO_TRANSLATION);
    expect(translatorFrom({ translationAdapter: 'deepl', translationApiKey: 'k' })).toBe(NO_TRANSLATION);
    const configured = translatorFrom({
      translationAdapter: 'deepl',
      translationBaseUrl: sandbox.origin,
      translationApiKey: 'k',
    });
    expect(configured).toBeInstanceOf(DeepLTranslator);
    expect(configured.adapter).toBe('deepl');
  });
});
