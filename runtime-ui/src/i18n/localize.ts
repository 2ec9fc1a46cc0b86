import type { I18nText, Language } from '../metadata/index.ts';

/** A metadata label in the requested language, or in Japanese when it has no such translation. */
export interface LocalizedText {
  text: string;
  /** The language `text` is in. */
  lang: Language;
  /** True when the requested language was missing and Japanese stands in for it. */
  fallback: boolean;
}

export function localize(text: I18nText, language: Language): LocalizedText {
  const translated = text[language];
  if (translated !== undefined) return { text: translated, lang: language, fallback: false };
  return { text: text.ja, lang: 'ja', fallback: language !== 'ja' };
}
