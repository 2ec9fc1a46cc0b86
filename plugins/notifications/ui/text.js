/** The notifications pages' texts, one table per portal language; Japanese is the fallback. */
import { en } from './text/en.js';
import { ja } from './text/ja.js';
import { jaEasy } from './text/ja-easy.js';
import { ko } from './text/ko.js';
import { vi } from './text/vi.js';
import { zhHans } from './text/zh-hans.js';
import { zhHant } from './text/zh-hant.js';

export const TEXT = { ja, en, 'zh-Hans': zhHans, 'zh-Hant': zhHant, ko, vi, 'ja-x-easy': jaEasy };

/** The language the pages speak for a portal language tag: that one when there is a table, else Japanese. */
export function pageLanguage(language) {
  return typeof language === 'string' && Object.hasOwn(TEXT, language) ? language : 'ja';
}

/** The locale dates are formatted in: やさしい日本語 formats them as Japanese does. */
export function dateLocale(language) {
  const page = pageLanguage(language);
  return page === 'ja' || page === 'ja-x-easy' ? 'ja-JP' : page;
}

/** The language the catalogue API is asked for its item texts in (it keys やさしい日本語 as `ja-easy`). */
export function catalogueLanguage(language) {
  const page = pageLanguage(language);
  return page === 'ja-x-easy' ? 'ja-easy' : page;
}
