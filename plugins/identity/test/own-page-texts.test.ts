import { describe, expect, it } from 'vitest';
import { LANGUAGES, loadModule, shapeDifferences } from '../../../test/i18n/page-texts.ts';

type Tables = Record<string, Record<string, unknown>>;

const pages = {
  attributes: (await loadModule(new URL('../ui/attributes/texts.js', import.meta.url))) as { TEXTS: Tables },
  'account finishing': (await loadModule(new URL('../ui/migration/texts.js', import.meta.url))) as { TEXTS: Tables },
};

describe('attribute and account-finishing page texts', () => {
  it.each(Object.entries(pages))(
    'the %s page speaks every portal language, each shaped like Japanese',
    (_page, module) => {
      expect(Object.keys(module.TEXTS).sort()).toEqual([...LANGUAGES].sort());
      for (const language of LANGUAGES) {
        expect({ language, differences: shapeDifferences(module.TEXTS.ja, module.TEXTS[language]) }).toEqual({
          language,
          differences: [],
        });
      }
    },
  );
});
