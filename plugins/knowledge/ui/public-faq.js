/**
 * The anonymous smart FAQ page's script: the component in the page's language, and a
 * language picker that reloads the page in another of the portal's languages.
 */
import './index.js';
import { pageLanguage } from './language.js';
import { TEXT } from './text.js';

/** Each language in its own words, in the order the portal's picker shows them. */
const LANGUAGE_NAMES = [
  ['ja', '日本語'],
  ['en', 'English'],
  ['zh-Hans', '简体中文'],
  ['zh-Hant', '繁體中文'],
  ['ko', '한국어'],
  ['vi', 'Tiếng Việt'],
  ['ja-x-easy', 'やさしい にほんご'],
];

const language = pageLanguage(document.documentElement.lang, TEXT);
const faq = document.querySelector('knowledge-smart-faq');
if (faq) faq.language = language;

const header = document.querySelector('header');
if (header) {
  const label = document.createElement('label');
  label.htmlFor = 'knowledge-public-language';
  label.textContent = '言語 (Language) ';
  const select = document.createElement('select');
  select.id = 'knowledge-public-language';
  for (const [value, name] of LANGUAGE_NAMES) {
    select.append(new Option(name, value, false, value === language));
  }
  select.addEventListener('change', () => {
    location.search = select.value === 'ja' ? '' : `?lang=${encodeURIComponent(select.value)}`;
  });
  header.append(label, select);
}
