import { describe, expect, it } from 'vitest';
import { LANGUAGES, loadModule, shapeDifferences } from '../../../test/i18n/page-texts.ts';

type Table = Record<string, Record<string, unknown>>;
const { TEXT, text } = (await loadModule(new URL('../ui/texts.js', import.meta.url))) as {
  TEXT: Table;
  text: (element: { language: unknown }) => Record<string, unknown>;
};
const { RESIDENT_TEXT } = (await loadModule(new URL('../ui/resident-texts.js', import.meta.url))) as {
  RESIDENT_TEXT: Table;
};
const { TRANSLATION_TEXT, translationTextFor } = (await loadModule(
  new URL('../ui/translation-texts.js', import.meta.url),
)) as { TRANSLATION_TEXT: Table; translationTextFor: (language: unknown) => Record<string, string> };
const { LAUNCHER_TEXT, launcherText } = (await loadModule(new URL('../ui/launcher-texts.js', import.meta.url))) as {
  LAUNCHER_TEXT: Table;
  launcherText: (language: unknown) => Record<string, string>;
};

describe('contact centre texts a resident reads', () => {
  it('labels the chat launcher in every portal language, each table shaped like the Japanese one', () => {
    expect(Object.keys(LAUNCHER_TEXT).sort()).toEqual([...LANGUAGES].sort());
    for (const language of LANGUAGES) {
      expect({ language, differences: shapeDifferences(LAUNCHER_TEXT.ja, LAUNCHER_TEXT[language]) }).toEqual({
        language,
        differences: [],
      });
    }
    expect(launcherText('ko')).toBe(LAUNCHER_TEXT.ko);
    for (const unknown of ['fr', '__proto__', undefined]) expect(launcherText(unknown)).toBe(LAUNCHER_TEXT.ja);
  });

  it('tells about translations in every portal language, each table shaped like the Japanese one', () => {
    expect(Object.keys(TRANSLATION_TEXT).sort()).toEqual([...LANGUAGES].sort());
    for (const language of LANGUAGES) {
      expect({ language, differences: shapeDifferences(TRANSLATION_TEXT.ja, TRANSLATION_TEXT[language]) }).toEqual({
        language,
        differences: [],
      });
    }
    expect(TRANSLATION_TEXT.ja?.notConfigured).toContain('翻訳は設定されていません');
  });

  it('finds the translation texts by a conversation language, やさしい日本語 stored as ja-easy', () => {
    expect(translationTextFor('ja-easy')).toBe(TRANSLATION_TEXT['ja-x-easy']);
    expect(translationTextFor('vi')).toBe(TRANSLATION_TEXT.vi);
    for (const unknown of ['fr', '__proto__', undefined]) expect(translationTextFor(unknown)).toBe(TRANSLATION_TEXT.ja);
  });

  it('has the chat in every portal language, with the same keys as its Japanese texts', () => {
    const residentKeys = Object.keys(RESIDENT_TEXT['zh-Hans'] ?? {});
    const japanese = Object.fromEntries(residentKeys.map((key) => [key, TEXT.ja?.[key]]));
    for (const language of LANGUAGES.filter((tag) => tag !== 'ja' && tag !== 'en')) {
      expect(Object.keys(RESIDENT_TEXT[language] ?? {}).sort()).toEqual([...residentKeys].sort());
      expect({ language, differences: shapeDifferences(japanese, RESIDENT_TEXT[language]) }).toEqual({
        language,
        differences: [],
      });
    }
    expect(text({ language: 'ko' }).start).toBe('채팅 시작');
    expect(text({ language: 'ko' }).console).toBe(TEXT.ja?.console);
    expect(text({ language: 'en' })).toBe(TEXT.en);
    expect(text({ language: '__proto__' })).toBe(TEXT.ja);
  });
});
