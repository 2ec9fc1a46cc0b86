import type { Language } from '@kiban/runtime-ui';
import { fillTemplate } from '../editors/i18n/index.ts';
import type { DesignerMessageKey, DesignerMessages } from './catalogue.ts';
import { en } from './en.ts';
import { ja } from './ja.ts';

export type { DesignerMessageKey, DesignerMessages } from './catalogue.ts';

/** The designer speaks Japanese and English (staff UI); every other language reads Japanese. */
export const DESIGNER_LANGUAGES = ['ja', 'en'] as const satisfies readonly Language[];
export type DesignerLanguage = (typeof DESIGNER_LANGUAGES)[number];

const CATALOGUES: Record<DesignerLanguage, DesignerMessages> = { ja, en };

/** The UI text of `key`, with `{name}` placeholders filled from `params`. */
export function say(language: Language, key: DesignerMessageKey, params: Record<string, string | number> = {}): string {
  const catalogue = language === 'en' ? CATALOGUES.en : CATALOGUES.ja;
  return fillTemplate(catalogue[key], params);
}

/** The language a server message (`{ ja, en }`) is shown in. */
export function serverText(message: { ja: string; en: string } | string, language: Language): string {
  if (typeof message === 'string') return message;
  return language === 'en' ? message.en : message.ja;
}
