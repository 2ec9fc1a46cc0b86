/**
 * The anonymous smart FAQ page's script: the component in the page's language, and a
 * language picker that reloads the page in the other one.
 */
import './index.js';

const language = document.documentElement.lang === 'en' ? 'en' : 'ja';
const faq = document.querySelector('knowledge-smart-faq');
if (faq) faq.language = language;

const header = document.querySelector('header');
if (header) {
  const label = document.createElement('label');
  label.htmlFor = 'knowledge-public-language';
  label.textContent = '言語 (Language) ';
  const select = document.createElement('select');
  select.id = 'knowledge-public-language';
  for (const [value, name] of [
    ['ja', '日本語'],
    ['en', 'English'],
  ]) {
    select.append(new Option(name, value, false, value === language));
  }
  select.addEventListener('change', () => {
    location.search = select.value === 'en' ? '?lang=en' : '';
  });
  header.append(label, select);
}
