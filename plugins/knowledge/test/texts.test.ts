import { describe, expect, it } from 'vitest';
import { LANGUAGES, loadModule, shapeDifferences } from '../../../test/i18n/page-texts.ts';

type Tables = Record<string, Record<string, unknown>>;

const ui = (file: string) => loadModule(new URL(`../ui/${file}`, import.meta.url));
const { TEXT } = (await ui('text.js')) as { TEXT: Tables };
const { MY_BENEFITS_TEXT } = (await ui('my-benefits-text.js')) as { MY_BENEFITS_TEXT: Tables };
const { CATALOGUE_TEXT } = (await ui('catalogue-text.js')) as { CATALOGUE_TEXT: Tables };
const { REVIEW_TEXT } = (await ui('review-text.js')) as { REVIEW_TEXT: Tables };
const { FAQ_DRAFTS_TEXT } = (await ui('faq-drafts-text.js')) as { FAQ_DRAFTS_TEXT: Tables };
const { pageLanguage } = (await ui('language.js')) as { pageLanguage: (language: unknown, tables: Tables) => string };

describe('knowledge page texts', () => {
  it.each([
    ['smart FAQ', TEXT],
    ['benefits for you', MY_BENEFITS_TEXT],
  ])('the resident %s page has every portal language, each shaped like Japanese', (_page, tables) => {
    expect(Object.keys(tables).sort()).toEqual([...LANGUAGES].sort());
    for (const language of LANGUAGES) {
      expect({ language, differences: shapeDifferences(tables.ja, tables[language]) }).toEqual({
        language,
        differences: [],
      });
    }
  });

  it.each([
    ['catalogue', CATALOGUE_TEXT],
    ['review', REVIEW_TEXT],
    ['FAQ draft queue', FAQ_DRAFTS_TEXT],
  ])('the staff %s page has Japanese and English, shaped alike', (_page, tables) => {
    expect(Object.keys(tables).sort()).toEqual(['en', 'ja']);
    expect(shapeDifferences(tables.ja, tables.en)).toEqual([]);
  });

  it('speaks the portal language where the page has it, else Japanese (staff pages: ja and en)', () => {
    expect(pageLanguage('vi', TEXT)).toBe('vi');
    expect(pageLanguage('ja-x-easy', MY_BENEFITS_TEXT)).toBe('ja-x-easy');
    expect(pageLanguage('ko', CATALOGUE_TEXT)).toBe('ja');
    expect(pageLanguage('en', CATALOGUE_TEXT)).toBe('en');
    expect(pageLanguage('constructor', TEXT)).toBe('ja');
  });
});
