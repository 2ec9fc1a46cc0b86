import type { Context } from 'hono';

/** The languages the identity pages speak: the portals' seven, Japanese the default. */
export const PAGE_LANGUAGES = ['ja', 'en', 'zh-Hans', 'zh-Hant', 'ko', 'vi', 'ja-x-easy'] as const;

export type PageLanguage = (typeof PAGE_LANGUAGES)[number];

/** Browser language tags (lower case) other than the pages' own that read as one of them. */
const ALIASES: Record<string, PageLanguage> = {
  zh: 'zh-Hans',
  'zh-cn': 'zh-Hans',
  'zh-sg': 'zh-Hans',
  'zh-tw': 'zh-Hant',
  'zh-hk': 'zh-Hant',
  'zh-mo': 'zh-Hant',
};

/**
 * The page's language: `?lang=` when it names one of the pages' languages (how the portal
 * links here in its own language, やさしい日本語 included), else the browser's most preferred
 * language the pages speak (`Accept-Language`), else Japanese.
 */
export function pageLanguageOf(c: Context): PageLanguage {
  const asked = PAGE_LANGUAGES.find((language) => language === c.req.query('lang'));
  return asked ?? preferred(c.req.header('accept-language') ?? '') ?? 'ja';
}

function preferred(acceptLanguage: string): PageLanguage | undefined {
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag = '', ...parameters] = part.trim().toLowerCase().split(';');
      const q = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
      return { tag: tag.trim(), q: q ? Number(q.slice(2)) : 1 };
    })
    .filter(({ tag, q }) => tag !== '' && q > 0)
    .sort((a, b) => b.q - a.q);
  for (const { tag } of ranked) {
    const language = matching(tag);
    if (language) return language;
  }
  return undefined;
}

function matching(tag: string): PageLanguage | undefined {
  const exact = PAGE_LANGUAGES.find((language) => language.toLowerCase() === tag);
  if (exact) return exact;
  if (tag.startsWith('zh-hans')) return 'zh-Hans';
  if (tag.startsWith('zh-hant')) return 'zh-Hant';
  const primary = tag.split('-')[0] ?? '';
  const region = tag.split('-').slice(0, 2).join('-');
  return ALIASES[region] ?? ALIASES[primary] ?? PAGE_LANGUAGES.find((language) => language === primary);
}
