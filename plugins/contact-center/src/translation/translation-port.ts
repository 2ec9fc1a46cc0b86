/**
 * The translation port: what the contact centre needs to let a resident and an operator who
 * share no language talk. `translate` answers a translation, or says plainly that none is
 * configured; an endpoint that is slow, failing or answers garbage throws
 * `TranslationUnavailable`, and the caller delivers the original marked untranslated.
 */

/** The languages a conversation may have (the portal's seven; やさしい日本語 is `ja-easy` here). */
export const CONVERSATION_LANGUAGES = ['ja', 'en', 'zh-Hans', 'zh-Hant', 'ko', 'vi', 'ja-easy'] as const;
export type ConversationLanguage = (typeof CONVERSATION_LANGUAGES)[number];

/** How the instruction names each language, in English (what models follow best) with its tag. */
export const LANGUAGE_NAMES: Record<ConversationLanguage, string> = {
  ja: 'Japanese',
  en: 'English',
  'zh-Hans': 'Simplified Chinese',
  'zh-Hant': 'Traditional Chinese',
  ko: 'Korean',
  vi: 'Vietnamese',
  'ja-easy': 'Easy Japanese, yasashii nihongo: short sentences, simple words, readings for kanji',
};

export type TranslationOutcome =
  | { status: 'translated'; text: string; adapter: string; model: string | null }
  | { status: 'notConfigured'; adapter: 'none' };

export interface TranslationPort {
  /** `openai-compatible`, `deepl`, or `none` when nothing is configured. */
  readonly adapter: string;
  translate(
    text: string,
    from: ConversationLanguage,
    to: ConversationLanguage,
    options?: { signal?: AbortSignal },
  ): Promise<TranslationOutcome>;
}

/** `unsupportedLanguage`: the adapter has no way to write the target language (DeepL and やさしい日本語). */
export type UnavailableReason = 'timeout' | 'error' | 'garbage' | 'unsupportedLanguage';

/** Why no translation came back. The message never carries a secret: only a status or a cause. */
export class TranslationUnavailable extends Error {
  readonly reason: UnavailableReason;
  constructor(reason: UnavailableReason, message: string) {
    super(message);
    this.name = 'TranslationUnavailable';
    this.reason = reason;
  }
}

/** The embedded default: no translation is configured, and it says so rather than echo the original. */
export const NO_TRANSLATION: TranslationPort = {
  adapter: 'none',
  translate: async () => ({ status: 'notConfigured', adapter: 'none' }),
};
