import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseFaqQueries } from '../src/eval/query-sets.ts';
import { parseFaqFile } from '../src/faq/faq-file.ts';
import { type AnalyzedDocument, CHANNELS, DEFAULT_WEIGHTS, FIELDS, JapaneseSearch } from '../src/search/index.ts';
import type { WeightedQuery } from '../src/search/inverted-index.ts';
import { qualifiesAsMatch } from '../src/search/scoring.ts';
import { DEFAULT_SYNONYMS } from '../src/synonym-source.ts';

const read = (name: string) => readFileSync(new URL(`../eval/${name}`, import.meta.url), 'utf8');

/** The Kobe FAQ: each entry whole, and each sentence of its answer as a passage under its question. */
function realPassages(): Array<{ id: string; title: string; body: string }> {
  const faq = [
    ...parseFaqFile(read('corpus/kobe-mynumber-faq.jsonl'), 'kobe-mynumber-faq.jsonl'),
    ...parseFaqFile(read('corpus/kobe-childcare-services.jsonl'), 'kobe-childcare-services.jsonl'),
  ];
  return faq.flatMap((entry) => [
    { id: entry.id, title: entry.question, body: entry.answer },
    ...entry.answer
      .split(/(?<=[。\n])/u)
      .map((sentence) => sentence.trim())
      .filter((sentence) => sentence.length > 8)
      .map((sentence, index) => ({ id: `${entry.id}#${index}`, title: entry.question, body: sentence })),
  ]);
}

type Hit = { id: string; score: number };
type Field = (typeof FIELDS)[number];
type Channel = (typeof CHANNELS)[number];

/**
 * Postings and BM25 length norms per field and channel, built plainly from the analysed
 * documents. A removed document is not scored, but its postings count in a term's document
 * frequency until the index compacts them, as they always have.
 */
function plainIndex(documents: AnalyzedDocument<unknown>[], removed: Set<string>) {
  const { k1, b } = DEFAULT_WEIGHTS;
  const total = documents.length - removed.size;
  const parts = new Map<string, { postings: Map<string, Array<[number, number]>>; norms: number[] }>();
  for (const field of FIELDS) {
    for (const channel of CHANNELS) {
      const postings = new Map<string, Array<[number, number]>>();
      let totalLength = 0;
      documents.forEach((document, number) => {
        const terms = document.fields[field]?.[channel] ?? [];
        if (!removed.has(document.id)) totalLength += terms.length;
        const counts = new Map<string, number>();
        for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
        for (const [term, count] of counts) {
          const list = postings.get(term) ?? [];
          list.push([number, count]);
          postings.set(term, list);
        }
      });
      const averageLength = totalLength / total || 1;
      const norms = documents.map(
        (document) => k1 * (1 - b + (b * (document.fields[field]?.[channel]?.length ?? 0)) / averageLength),
      );
      parts.set(`${field}|${channel}`, { postings, norms });
    }
  }
  const part = (field: Field, channel: Channel) =>
    parts.get(`${field}|${channel}`) as { postings: Map<string, Array<[number, number]>>; norms: number[] };
  return { documents, removed, total, part };
}

/**
 * The ranking function written out plainly, as the index computed it before its scoring was
 * made fast: a score per document of the whole corpus, in the order of the query's terms and
 * fields, then every document a qualifying term reached sorted (stable, so ties keep the order
 * they were first reached).
 */
function straightforwardRanking(index: ReturnType<typeof plainIndex>, query: WeightedQuery, limit: number): Hit[] {
  const { k1 } = DEFAULT_WEIGHTS;
  const { documents, removed, total } = index;
  const commonAbove = Math.max(2_000, total * 0.05);
  const scores = new Map<number, number>();
  const covered = new Map<number, number>();
  const titleCovered = new Map<number, number>();
  const lastTerm = new Map<number, number>();
  const matched = new Set<number>();
  let termNumber = 0;
  let coverable = 0;
  for (const channel of CHANNELS) {
    for (const [term, termWeight] of query[channel]) {
      termNumber++;
      let idfOfTerm = 0;
      for (const field of FIELDS) {
        const { postings, norms } = index.part(field, channel);
        const list = postings.get(term) ?? [];
        if (list.length === 0 || list.length > commonAbove) continue;
        const idf = Math.log(1 + (total - list.length + 0.5) / (list.length + 0.5));
        idfOfTerm = Math.max(idfOfTerm, idf);
        const factor = DEFAULT_WEIGHTS.fields[field] * DEFAULT_WEIGHTS.channels[channel] * termWeight * idf;
        for (const [number, frequency] of list) {
          if (removed.has(documents[number]?.id as string)) continue;
          const part = (factor * (frequency * (k1 + 1))) / (frequency + (norms[number] as number));
          scores.set(number, (scores.get(number) ?? 0) + part);
          if (qualifiesAsMatch(channel, term, termWeight, query)) matched.add(number);
          if (channel !== 'readingGrams') continue;
          if (field === 'title') titleCovered.set(number, (titleCovered.get(number) ?? 0) + idf * termWeight);
          if (lastTerm.get(number) !== termNumber) {
            lastTerm.set(number, termNumber);
            covered.set(number, (covered.get(number) ?? 0) + idf * termWeight);
          }
        }
      }
      if (channel === 'readingGrams' && termWeight === 1) coverable += idfOfTerm;
    }
  }
  const share = (value = 0) => (coverable > 0 ? Math.min(1, value / coverable) : 0);
  const hits = [...scores]
    .filter(([number]) => matched.has(number))
    .map(([number, score]) => {
      const boost =
        1 +
        DEFAULT_WEIGHTS.coverage * share(covered.get(number)) ** 2 +
        DEFAULT_WEIGHTS.titleCoverage * share(titleCovered.get(number)) ** 2;
      return { id: documents[number]?.id as string, score: score * boost };
    });
  return hits.sort((left, right) => right.score - left.score).slice(0, limit);
}

describe('the fast scorer', () => {
  it('returns the same top ten, with the same scores, as the ranking function written out plainly', async () => {
    const search = await JapaneseSearch.create<{ id: string }>({ synonyms: DEFAULT_SYNONYMS });
    const documents = realPassages().map((passage) =>
      search.analyzeDocument({
        id: passage.id,
        fields: { title: passage.title, body: passage.body },
        meta: { id: passage.id },
      }),
    );
    for (const document of documents) search.putAnalyzed(document);
    const queries = ['faq-dev.jsonl', 'faq-holdout.jsonl'].flatMap((set) =>
      parseFaqQueries(read(set), set).map((query) => query.query),
    );
    const fast = (query: string, limit: number) =>
      search.search(query, { limit }).map(({ id, score }) => ({ id, score }));
    const removed = new Set<string>();
    const compareAll = () => {
      const plain = plainIndex(documents, removed);
      for (const query of queries) {
        const expected = straightforwardRanking(plain, search.buildQuery(query), 10);
        expect(expected.length, query).toBeGreaterThan(0);
        expect(fast(query, 10), query).toEqual(expected);
        expect(fast(query, 1), query).toEqual(expected.slice(0, 1));
      }
    };
    expect(documents.length).toBeGreaterThan(1_000);
    compareAll();
    // Removed documents stay in the postings as tombstones until a compaction: skipped all the same.
    for (const document of documents.filter((_, index) => index % 7 === 3)) {
      search.remove(document.id);
      removed.add(document.id);
    }
    compareAll();
  }, 300_000);

  it('filters with `accept` before taking the best', async () => {
    const search = await JapaneseSearch.create<{ id: string }>({ synonyms: DEFAULT_SYNONYMS });
    for (const passage of realPassages())
      search.add({ id: passage.id, fields: { title: passage.title, body: passage.body }, meta: { id: passage.id } });
    const query = 'マイナンバーカードの暗証番号を忘れた';
    const wholeOnly = (meta: { id: string }) => !meta.id.includes('#');
    const everything = search.search(query, { limit: 1_000 });
    const expected = everything.filter((hit) => wholeOnly(hit.meta)).slice(0, 5);
    expect(expected).toHaveLength(5);
    expect(everything.slice(0, 5)).not.toEqual(expected);
    expect(search.search(query, { limit: 5, accept: wholeOnly })).toEqual(expected);
  }, 120_000);
});
