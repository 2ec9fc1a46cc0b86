/**
 * The pages' words, one module per portal language (`texts/`); `text(element)` picks the
 * element's language (`lang` or `language`), Japanese when the pages do not speak it.
 */
import * as en from './texts/en.js';
import * as ja from './texts/ja.js';
import * as jaEasy from './texts/ja-easy.js';
import * as ko from './texts/ko.js';
import * as vi from './texts/vi.js';
import * as zhHans from './texts/zh-hans.js';
import * as zhHant from './texts/zh-hant.js';

const LANGUAGES = { ja, en, 'zh-Hans': zhHans, 'zh-Hant': zhHant, ko, vi, 'ja-x-easy': jaEasy };

export const TEXTS = Object.fromEntries(Object.entries(LANGUAGES).map(([tag, module]) => [tag, module.texts]));

export const ATTRIBUTE_LABELS = Object.fromEntries(
  Object.entries(LANGUAGES).map(([tag, module]) => [tag, module.attributeLabels]),
);

/** The element's language (`lang` attribute, else `language` property) when the pages speak it, else Japanese. */
export function languageOf(element) {
  const language = element.getAttribute('lang') ?? element.language;
  return typeof language === 'string' && Object.hasOwn(LANGUAGES, language) ? language : 'ja';
}

export function text(element) {
  return TEXTS[languageOf(element)];
}

/** An element with properties and children; text is set, never parsed as HTML. */
export function el(tag, properties = {}, children = []) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(properties)) {
    if (name.startsWith('aria-') || name === 'for' || name === 'role') element.setAttribute(name, value);
    else element[name] = value;
  }
  element.append(...children);
  return element;
}

export async function call(method, path, body) {
  const response = await fetch(path, {
    method,
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const answer = response.status === 204 ? null : await response.json().catch(() => null);
  if (!response.ok) throw Object.assign(new Error(answer?.detail ?? String(response.status)), { answer });
  return answer;
}
