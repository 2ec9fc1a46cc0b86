import {
  type ConversationLanguage,
  type TranslationOutcome,
  type TranslationPort,
  TranslationUnavailable,
} from './translation-port.ts';

export interface DeepLTranslatorOptions {
  /** `https://api.deepl.com` (Pro) or `https://api-free.deepl.com` (Free): the origin before `/v2/translate`. */
  baseUrl: string;
  /** The authentication key, sent as `Authorization: DeepL-Auth-Key <key>`. */
  apiKey: string;
  timeoutMs: number;
}

/**
 * The portal's languages as DeepL names them as targets. English goes as `EN-US` (DeepL asks
 * for a variant; `EN` alone is kept only for old clients), Chinese by script. やさしい日本語 is
 * no language of DeepL's: there is no target for it, so a line for a resident reading it is
 * delivered untranslated (`unsupportedLanguage`) rather than as ordinary Japanese.
 */
export const DEEPL_TARGET: Record<ConversationLanguage, string | null> = {
  ja: 'JA',
  en: 'EN-US',
  'zh-Hans': 'ZH-HANS',
  'zh-Hant': 'ZH-HANT',
  ko: 'KO',
  vi: 'VI',
  'ja-easy': null,
};

/** As sources DeepL takes the language without variant; やさしい日本語 is Japanese to it. */
export const DEEPL_SOURCE: Record<ConversationLanguage, string> = {
  ja: 'JA',
  en: 'EN',
  'zh-Hans': 'ZH',
  'zh-Hant': 'ZH',
  ko: 'KO',
  vi: 'VI',
  'ja-easy': 'JA',
};

/**
 * A machine-translation adapter written to DeepL's published text API (`POST /v2/translate`,
 * JSON, one text per request), called with `fetch`, without retries: the person on the other
 * side is waiting and the original is ready to deliver. An error status (403 a wrong key, 456
 * the quota spent, 429 too many requests), a timeout or an answer without a translation is
 * `TranslationUnavailable`, never the original passed off as a translation.
 */
export class DeepLTranslator implements TranslationPort {
  readonly adapter = 'deepl';
  readonly #options: DeepLTranslatorOptions;

  constructor(options: DeepLTranslatorOptions) {
    this.#options = options;
  }

  async translate(
    text: string,
    from: ConversationLanguage,
    to: ConversationLanguage,
    options: { signal?: AbortSignal } = {},
  ): Promise<TranslationOutcome> {
    const target = DEEPL_TARGET[to];
    if (!target) throw new TranslationUnavailable('unsupportedLanguage', `DeepL has no target language for ${to}.`);
    const { baseUrl, apiKey, timeoutMs } = this.#options;
    const timeout = AbortSignal.timeout(timeoutMs);
    const signal = options.signal ? AbortSignal.any([timeout, options.signal]) : timeout;
    try {
      const response = await fetch(`${baseUrl.replace(/\/+$/u, '')}/v2/translate`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `DeepL-Auth-Key ${apiKey}` },
        body: JSON.stringify({ text: [text], source_lang: DEEPL_SOURCE[from], target_lang: target }),
        signal,
      });
      if (!response.ok) {
        await response.body?.cancel();
        throw new TranslationUnavailable('error', `DeepL answered HTTP ${response.status}.`);
      }
      const translated = translationOf(await response.json().catch(() => null));
      return { status: 'translated', text: translated, adapter: this.adapter, model: null };
    } catch (error) {
      if (error instanceof TranslationUnavailable) throw error;
      if (timeout.aborted) throw new TranslationUnavailable('timeout', `No translation within ${timeoutMs} ms.`);
      const cause = (error as { cause?: { code?: unknown } } | null)?.cause?.code;
      throw new TranslationUnavailable('error', `DeepL could not be reached (${String(cause ?? 'network')}).`);
    }
  }
}

/** The first translation's text; anything else (not JSON, no translations, blank) is garbage, never shown. */
function translationOf(payload: unknown): string {
  const translations = (payload as { translations?: unknown } | null)?.translations;
  const text = Array.isArray(translations) ? (translations[0] as { text?: unknown } | undefined)?.text : undefined;
  if (typeof text !== 'string' || text.trim() === '')
    throw new TranslationUnavailable('garbage', 'DeepL answered no translation.');
  return text.trim();
}
