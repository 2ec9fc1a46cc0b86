import type { Language } from '../metadata/index.ts';
import type { MessageKey, Messages } from './messages/catalogue.ts';
import { en } from './messages/en.ts';
import { ja } from './messages/ja.ts';
import { jaEasy } from './messages/ja-easy.ts';
import { ko } from './messages/ko.ts';
import { vi } from './messages/vi.ts';
import { zhHans } from './messages/zh-hans.ts';
import { zhHant } from './messages/zh-hant.ts';

const CATALOGUES: Record<Language, Messages> = {
  ja,
  en,
  'zh-Hans': zhHans,
  'zh-Hant': zhHant,
  ko,
  vi,
  'ja-x-easy': jaEasy,
};

export type MessageParams = Record<string, string | number>;

/** The UI text of `key` in `language`, with `{name}` placeholders filled from `params`. */
export function translate(language: Language, key: MessageKey, params: MessageParams = {}): string {
  const template = CATALOGUES[language][key];
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) =>
    name in params ? String(params[name]) : placeholder,
  );
}
