/**
 * Which of a page's text tables to use: the portal's language tag (an element's `language`)
 * when the page has a table for it, else Japanese. The resident pages have all seven portal
 * languages; the staff pages have Japanese and English, so the same choice gives those two.
 */
export function pageLanguage(language, tables) {
  return typeof language === 'string' && Object.hasOwn(tables, language) ? language : 'ja';
}

/** The locale dates are formatted in: やさしい日本語 formats them as Japanese does. */
export function dateLocale(language) {
  if (language === 'ja' || language === 'ja-x-easy') return 'ja-JP';
  return language === 'en' ? 'en-GB' : language;
}
