import { foldKana, type JapaneseSearch, normalizeText } from '../search/index.ts';
import { itemQuery } from './item-query.ts';

export interface SortingHitMeta {
  kind: 'sorting';
  city: string;
  name: string;
  category: string;
}

/**
 * The garbage guide's lookup: the item name is cut out of the question and searched; a
 * candidate whose name is exactly what was typed (as written or as it sounds) comes first.
 * Each hit says how exactly its name matched (3 as written, 2 as it sounds or a qualifier,
 * 1 a synonym or the head word, 0 only by score; half a point less for an exception entry).
 */
export function searchSortingItems<M extends { kind: string; city?: string; name?: string }>(
  engine: JapaneseSearch<M>,
  question: string,
  options: { city?: string; limit?: number; accept?: (meta: M) => boolean } = {},
) {
  const query = itemQuery(question);
  const candidates = engine.search(query, {
    limit: Math.max(20, options.limit ?? 5),
    accept: (meta) =>
      meta.kind === 'sorting' &&
      (!options.city || meta.city === options.city) &&
      (!options.accept || options.accept(meta)),
  });
  const typed = foldKana(normalizeText(query));
  const typedSound = engine.analyzer.sound(query);
  const alternatives = new Set(
    [...engine.expansions(query), ...headWord(engine, query)].map((text) => foldKana(normalizeText(text))),
  );
  const exactness = (name: string) => {
    const normal = name.normalize('NFKC');
    const title = foldKana(normalizeText(normal.replace(/\([^)]*\)/gu, '').trim()));
    const qualifiers = [...normal.matchAll(/\(([^)]*)\)/gu)].map((match) => foldKana(normalizeText(match[1] ?? '')));
    // 「ペットボトル（汚れが落ちないもの）」 is the exception to 「ペットボトル」, not the rule.
    const exception = qualifiers.some((qualifier) => EXCEPTION.test(qualifier)) ? 0.5 : 0;
    if (title === typed) return 3 - exception;
    if (engine.analyzer.sound(title) === typedSound || qualifiers.includes(typed)) return 2 - exception;
    if (alternatives.has(title)) return 1 - exception;
    return 0;
  };
  return candidates
    .map((hit, rank) => ({ hit, rank, exact: exactness(hit.meta.name ?? '') }))
    .sort((left, right) => right.exact - left.exact || left.rank - right.rank)
    .slice(0, options.limit ?? 5)
    .map(({ hit, exact }) => ({ ...hit, exact }));
}

const EXCEPTION = /汚れ|よごれ|落ちない|以外|ないもの|なし|のない/u;

/** The last content word of a compound or phrase: 傘 of ビニール傘, 缶 of ジュースの缶. */
function headWord<M>(engine: JapaneseSearch<M>, query: string): string[] {
  const words = engine.analyzer.analyze(query).words;
  return words.length > 1 ? [words.at(-1) as string] : [];
}
