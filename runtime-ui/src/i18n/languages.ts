import type { Language } from '../metadata/index.ts';

/**
 * The languages the UI speaks, in the order a language picker shows them. やさしい日本語 uses
 * the tag `ja-x-easy` because the metadata contract keys its labels so (a private-use subtag:
 * assistive technology still reads it as Japanese).
 */
export const LANGUAGES = [
  'ja',
  'en',
  'zh-Hans',
  'zh-Hant',
  'ko',
  'vi',
  'ja-x-easy',
] as const satisfies readonly Language[];

/** Each language in its own words, for the language switcher. */
export const LANGUAGE_NAMES: Record<Language, string> = {
  ja: '日本語',
  en: 'English',
  'zh-Hans': '简体中文',
  'zh-Hant': '繁體中文',
  ko: '한국어',
  vi: 'Tiếng Việt',
  'ja-x-easy': 'やさしい にほんご',
};

export const DEFAULT_LANGUAGE: Language = 'ja';

export function isLanguage(value: unknown): value is Language {
  return (LANGUAGES as readonly unknown[]).includes(value);
}

/** The locale Intl formats with: やさしい日本語 formats numbers and dates as Japanese does. */
export function intlLocale(language: Language): string {
  return language === 'ja-x-easy' ? 'ja' : language;
}
