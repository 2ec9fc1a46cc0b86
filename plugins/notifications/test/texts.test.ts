import { describe, expect, it } from 'vitest';
import { LANGUAGES, loadModule, shapeDifferences } from '../../../test/i18n/page-texts.ts';

const { TEXT, pageLanguage, dateLocale, catalogueLanguage } = (await loadModule(
  new URL('../ui/text.js', import.meta.url),
)) as {
  TEXT: Record<string, Record<string, unknown>>;
  pageLanguage: (language: unknown) => string;
  dateLocale: (language: unknown) => string;
  catalogueLanguage: (language: unknown) => string;
};

describe('notifications page texts', () => {
  it('has a table for every portal language, each shaped like the Japanese one', () => {
    expect(Object.keys(TEXT).sort()).toEqual([...LANGUAGES].sort());
    for (const language of LANGUAGES) {
      expect({ language, differences: shapeDifferences(TEXT.ja, TEXT[language]) }).toEqual({
        language,
        differences: [],
      });
    }
  });

  it('titles a month as each language writes it', () => {
    const title = (language: string) => (TEXT[language].monthTitle as (y: number, m: number) => string)(2026, 12);
    expect(title('ja')).toBe('2026年12月');
    expect(title('en')).toBe('December 2026');
    expect(title('zh-Hans')).toBe('2026年12月');
    expect(title('zh-Hant')).toBe('2026年12月');
    expect(title('ko')).toBe('2026년 12월');
    expect(title('vi')).toBe('tháng 12 năm 2026');
    expect(title('ja-x-easy')).toBe('2026年12月');
  });

  it('speaks the portal language when it has a table, else Japanese', () => {
    expect(pageLanguage('ko')).toBe('ko');
    expect(pageLanguage('zh-Hant')).toBe('zh-Hant');
    expect(pageLanguage('fr')).toBe('ja');
    expect(pageLanguage('__proto__')).toBe('ja');
    expect(pageLanguage(undefined)).toBe('ja');
    expect(dateLocale('ja-x-easy')).toBe('ja-JP');
    expect(dateLocale('vi')).toBe('vi');
    expect(catalogueLanguage('ja-x-easy')).toBe('ja-easy');
    expect(catalogueLanguage('zh-Hans')).toBe('zh-Hans');
  });
});
