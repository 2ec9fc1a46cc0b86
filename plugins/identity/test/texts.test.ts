import { describe, expect, it } from 'vitest';
import { LANGUAGES, loadModule, shapeDifferences } from '../../../test/i18n/page-texts.ts';

type Tables = Record<string, Record<string, unknown>>;

const { TEXTS, ATTRIBUTE_LABELS, languageOf } = (await loadModule(new URL('../ui/texts.js', import.meta.url))) as {
  TEXTS: Tables;
  ATTRIBUTE_LABELS: Tables;
  languageOf: (element: { getAttribute: (name: string) => string | null; language?: string }) => string;
};

describe('identity page texts', () => {
  it.each([
    ['words', TEXTS],
    ['attribute labels', ATTRIBUTE_LABELS],
  ])('the pages have their %s in every portal language, each shaped like Japanese', (_what, tables) => {
    expect(Object.keys(tables).sort()).toEqual([...LANGUAGES].sort());
    for (const language of LANGUAGES) {
      expect({ language, differences: shapeDifferences(tables.ja, tables[language]) }).toEqual({
        language,
        differences: [],
      });
    }
  });

  it('takes the lang attribute, else the language property, else Japanese', () => {
    const element = (lang: string | null, language?: string) => ({ getAttribute: () => lang, language });
    expect(languageOf(element('ja-x-easy'))).toBe('ja-x-easy');
    expect(languageOf(element(null, 'vi'))).toBe('vi');
    expect(languageOf(element('fr', 'ko'))).toBe('ja');
    expect(languageOf(element(null, 'toString'))).toBe('ja');
  });
});
