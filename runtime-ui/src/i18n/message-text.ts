import type { I18nText } from '../metadata/index.ts';
import { LANGUAGES } from './languages.ts';
import type { MessageKey } from './messages/catalogue.ts';
import { translate } from './translate.ts';

/**
 * A UI text as a metadata label in every language, for the places where the shell builds
 * metadata itself (the profile form is an ordinary `<kiban-form>`).
 */
export function messageText(key: MessageKey): I18nText {
  return Object.fromEntries(LANGUAGES.map((language) => [language, translate(language, key)])) as I18nText;
}

/** The same text in every language, such as a language's own name. */
export function sameText(text: string): I18nText {
  return Object.fromEntries(LANGUAGES.map((language) => [language, text])) as I18nText;
}
