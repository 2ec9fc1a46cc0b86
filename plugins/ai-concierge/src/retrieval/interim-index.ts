import type { Classification, Passage } from './retrieval.ts';
import { documentTerms, queryTerms } from './terms.ts';

export type IndexedPassage = Omit<Passage, 'score'>;

interface Entry {
  passage: IndexedPassage;
  length: number;
  frequencies: Map<string, number>;
  titleTerms: Set<string>;
}

const K1 = 1.2;
const B = 0.75;
/** The title is counted this many times: a question usually names what the title names. */
const TITLE_WEIGHT = 3;

/**
 * The concierge's interim passage index — an in-memory BM25 over character bigrams — used until
 * the knowledge plugin's search is reachable from another plugin; it is then replaced by an
 * adapter of the same port. Passages rank by the question's coverage (the rarity-weighted
 * share of its terms they hold, counted again for those in the title), then by BM25; the coverage is the score returned, which the
 * concierge compares with its threshold to decide between answering and declining.
 */
export class InterimPassageIndex {
  readonly #entries = new Map<string, Entry>();
  readonly #postings = new Map<string, Set<string>>();
  #totalLength = 0;

  get size(): number {
    return this.#entries.size;
  }

  put(passage: IndexedPassage): void {
    this.remove(passage.id);
    const terms = [...Array(TITLE_WEIGHT).fill(passage.title).flatMap(documentTerms), ...documentTerms(passage.text)];
    const frequencies = new Map<string, number>();
    for (const term of terms) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
    for (const term of frequencies.keys()) {
      const ids = this.#postings.get(term) ?? new Set<string>();
      ids.add(passage.id);
      this.#postings.set(term, ids);
    }
    const titleTerms = new Set(documentTerms(passage.title));
    this.#entries.set(passage.id, { passage, length: terms.length, frequencies, titleTerms });
    this.#totalLength += terms.length;
  }

  remove(id: string): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    for (const term of entry.frequencies.keys()) this.#postings.get(term)?.delete(id);
    this.#entries.delete(id);
    this.#totalLength -= entry.length;
  }

  get(id: string): IndexedPassage | undefined {
    return this.#entries.get(id)?.passage;
  }

  search(question: string, options: { classifications: Classification[]; limit: number }): Passage[] {
    const terms = queryTerms(question);
    if (terms.length === 0 || this.#entries.size === 0) return [];
    const allowed = new Set(options.classifications);
    const count = this.#entries.size;
    const averageLength = this.#totalLength / count;
    const idf = new Map(terms.map((term) => [term, inverseFrequency(count, this.#postings.get(term)?.size ?? 0)]));
    const totalWeight = [...idf.values()].reduce((sum, weight) => sum + weight, 0);
    const ranked = new Map<string, { bm25: number; covered: number; inTitle: number }>();
    for (const term of terms) {
      const weight = idf.get(term) ?? 0;
      for (const id of this.#postings.get(term) ?? []) {
        const entry = this.#entries.get(id) as Entry;
        if (!allowed.has(entry.passage.classification)) continue;
        const tf = entry.frequencies.get(term) ?? 0;
        const bm25 = (weight * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * entry.length) / averageLength));
        const current = ranked.get(id) ?? { bm25: 0, covered: 0, inTitle: 0 };
        const inTitle = entry.titleTerms.has(term) ? weight : 0;
        ranked.set(id, {
          bm25: current.bm25 + bm25,
          covered: current.covered + weight,
          inTitle: current.inTitle + inTitle,
        });
      }
    }
    return [...ranked.entries()]
      .sort(([, a], [, b]) => b.covered + b.inTitle - (a.covered + a.inTitle) || b.bm25 - a.bm25)
      .slice(0, options.limit)
      .map(([id, { covered }]) => {
        const passage = (this.#entries.get(id) as Entry).passage;
        return { ...passage, score: Math.round((covered / totalWeight) * 1000) / 1000 };
      });
  }
}

function inverseFrequency(count: number, containing: number): number {
  return Math.log(1 + (count - containing + 0.5) / (containing + 0.5));
}
