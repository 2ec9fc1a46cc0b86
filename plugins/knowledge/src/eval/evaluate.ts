import {
  BigramTfidfBaseline,
  type JapaneseSearch,
  type QueryOutcome,
  rankingMetrics,
  rankOf,
} from '../search/index.ts';
import { searchSortingItems } from '../sorting/sorting-search.ts';
import type { FaqQuery, SortingQuery } from './query-sets.ts';

export interface FaqCorpusEntry {
  id: string;
  question: string;
  answer: string;
  category?: string;
}

/** Ranks each query with `rank` (ids, best first) and scores the first ten. */
export function evaluateRanking(queries: FaqQuery[], rank: (query: string) => string[]) {
  const outcomes: QueryOutcome[] = queries.map((query) => {
    const expected = [query.answer_id, ...(query.alt_answer_ids ?? [])];
    const top = rank(query.query).slice(0, 10);
    return { id: query.id, query: query.query, expected, rank: rankOf(top, expected), top };
  });
  return { metrics: rankingMetrics(outcomes), outcomes };
}

/** The character-bigram TF-IDF floor over the same corpus (question and answer as one text). */
export function baselineRanker(corpus: FaqCorpusEntry[]): (query: string) => string[] {
  const baseline = new BigramTfidfBaseline();
  for (const entry of corpus) baseline.add(entry.id, `${entry.question}\n${entry.answer}`);
  return (query) => baseline.search(query, 10).map((hit) => hit.id);
}

export interface SortingOutcome {
  item: string;
  city: string;
  expected: string;
  found: string | null;
  foundItem: string | null;
  correct: boolean;
}

/** accuracy@1 of the sorting guide: the category of the first item found for each question. */
export function evaluateSorting<M extends { kind: string; city?: string; name?: string; category?: string }>(
  engine: JapaneseSearch<M>,
  queries: SortingQuery[],
) {
  const outcomes: SortingOutcome[] = queries.map((query) => {
    const [hit] = searchSortingItems(engine, query.item, { city: query.city, limit: 1 });
    const found = hit?.meta.category ?? null;
    return {
      item: query.item,
      city: query.city,
      expected: query.expected_category,
      found,
      foundItem: hit?.meta.name ?? null,
      correct: found === query.expected_category,
    };
  });
  const accuracy = outcomes.filter((outcome) => outcome.correct).length / (outcomes.length || 1);
  return { accuracy, outcomes };
}

/** The same accuracy for the bigram baseline: the category of the item whose name is nearest. */
export function baselineSortingAccuracy(
  items: Array<{ city: string; name: string; category: string }>,
  queries: SortingQuery[],
): number {
  const byCity = new Map<string, BigramTfidfBaseline>();
  items.forEach((item, index) => {
    let baseline = byCity.get(item.city);
    if (!baseline) {
      baseline = new BigramTfidfBaseline();
      byCity.set(item.city, baseline);
    }
    baseline.add(String(index), item.name);
  });
  const correct = queries.filter((query) => {
    const [hit] = byCity.get(query.city)?.search(query.item, 1) ?? [];
    return hit !== undefined && items[Number(hit.id)]?.category === query.expected_category;
  }).length;
  return correct / (queries.length || 1);
}
