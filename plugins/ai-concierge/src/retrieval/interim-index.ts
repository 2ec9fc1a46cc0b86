import type { Classification, Passage } from './retrieval.ts';
import { documentTerms, queryTerms } from './terms.ts';

export type IndexedPassage = Omit<Passage, 'score'>;

interface Entry {
  passage: IndexedPassage;
  length: number;
  titleTerms: Set<string>;
  /** False once the passage was replaced or removed; its postings are skipped, then compacted. */
  live: boolean;
}

/** Postings of one term: passage numbers and term frequencies, side by side. */
interface Postings {
  entries: number[];
  frequencies: number[];
}

const K1 = 1.2;
const B = 0.75;
/** The title is counted this many times: a question usually names what the title names. */
const TITLE_WEIGHT = 3;

/**
 * The concierge's interim passage index — an in-memory BM25 over character bigrams — used until
 * the knowledge plugin's search is reachable from another plugin; it is then replaced by an
 * adapter of the same port. Passages rank by the question's coverage (the rarity-weighted
 * share of its terms they hold, counted again for those in the title), then by BM25; the
 * coverage is the score returned, which the concierge compares with its threshold to decide
 * between answering and declining. Postings are plain number arrays, so that 100,000
 * passages fit in a few hundred megabytes; a replaced passage leaves dead postings behind
 * until they outnumber the live ones and the index is rebuilt.
 */
export class InterimPassageIndex {
  #entries: Entry[] = [];
  #byId = new Map<string, number>();
  #postings = new Map<string, Postings>();
  #totalLength = 0;
  #dead = 0;

  get size(): number {
    return this.#byId.size;
  }

  put(passage: IndexedPassage): void {
    this.remove(passage.id);
    const titleTerms = documentTerms(passage.title);
    const terms = [...Array.from({ length: TITLE_WEIGHT }, () => titleTerms).flat(), ...documentTerms(passage.text)];
    const frequencies = new Map<string, number>();
    for (const term of terms) frequencies.set(term, (frequencies.get(term) ?? 0) + 1);
    const number = this.#entries.length;
    for (const [term, frequency] of frequencies) {
      const postings = this.#postings.get(term) ?? { entries: [], frequencies: [] };
      postings.entries.push(number);
      postings.frequencies.push(frequency);
      this.#postings.set(term, postings);
    }
    this.#entries.push({ passage, length: terms.length, titleTerms: new Set(titleTerms), live: true });
    this.#byId.set(passage.id, number);
    this.#totalLength += terms.length;
  }

  remove(id: string): void {
    const number = this.#byId.get(id);
    if (number === undefined) return;
    const entry = this.#entries[number] as Entry;
    entry.live = false;
    this.#byId.delete(id);
    this.#totalLength -= entry.length;
    this.#dead += 1;
    if (this.#dead > this.#byId.size) this.#compact();
  }

  get(id: string): IndexedPassage | undefined {
    const number = this.#byId.get(id);
    return number === undefined ? undefined : this.#entries[number]?.passage;
  }

  search(question: string, options: { classifications: Classification[]; limit: number }): Passage[] {
    const terms = queryTerms(question);
    const count = this.#byId.size;
    if (terms.length === 0 || count === 0) return [];
    const allowed = new Set(options.classifications);
    const averageLength = this.#totalLength / count;
    const weighted = terms
      .map((term) => ({ term, postings: this.#postings.get(term), weight: 0 }))
      .map((item) => ({ ...item, weight: inverseFrequency(count, item.postings?.entries.length ?? 0) }))
      .sort((a, b) => (a.postings?.entries.length ?? 0) - (b.postings?.entries.length ?? 0));
    const totalWeight = weighted.reduce((sum, item) => sum + item.weight, 0);
    const entries = this.#entries;
    const bm25 = new Float64Array(entries.length);
    const covered = new Float64Array(entries.length);
    const inTitle = new Float64Array(entries.length);
    const touched: number[] = [];
    const add = (number: number, term: string, weight: number, tf: number) => {
      const entry = entries[number] as Entry;
      if (!entry.live || !allowed.has(entry.passage.classification)) return;
      if (covered[number] === 0) touched.push(number);
      bm25[number] += (weight * tf * (K1 + 1)) / (tf + K1 * (1 - B + (B * entry.length) / averageLength));
      covered[number] += weight;
      if (entry.titleTerms.has(term)) inTitle[number] += weight;
    };
    for (const { term, postings, weight } of weighted) {
      if (!postings || weight === 0) continue;
      // Rare terms first; a term in far more passages than are ranked already is looked up for
      // those passages only (postings are in passage order), not walked whole.
      if (touched.length > 0 && postings.entries.length > touched.length * 8) {
        for (const number of [...touched]) {
          const at = binarySearch(postings.entries, number);
          if (at >= 0) add(number, term, weight, postings.frequencies[at] as number);
        }
        continue;
      }
      for (let i = 0; i < postings.entries.length; i += 1)
        add(postings.entries[i] as number, term, weight, postings.frequencies[i] as number);
    }
    const rank = (number: number) => covered[number] + inTitle[number];
    const better = (a: number, b: number) => rank(a) > rank(b) || (rank(a) === rank(b) && bm25[a] > bm25[b]);
    // The best `limit` by one pass: the list stays short, so inserting in order is cheap.
    const best: number[] = [];
    for (const number of touched) {
      if (best.length === options.limit && !better(number, best[best.length - 1] as number)) continue;
      let at = best.length;
      while (at > 0 && better(number, best[at - 1] as number)) at -= 1;
      best.splice(at, 0, number);
      if (best.length > options.limit) best.pop();
    }
    return best.map((number) => ({
      ...(entries[number] as Entry).passage,
      score: Math.round((covered[number] / totalWeight) * 1000) / 1000,
    }));
  }

  #compact(): void {
    const live = this.#entries.filter((entry) => entry.live).map((entry) => entry.passage);
    this.#entries = [];
    this.#byId = new Map();
    this.#postings = new Map();
    this.#totalLength = 0;
    this.#dead = 0;
    for (const passage of live) this.put(passage);
  }
}

function binarySearch(sorted: number[], value: number): number {
  let low = 0;
  let high = sorted.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const at = sorted[middle] as number;
    if (at === value) return middle;
    if (at < value) low = middle + 1;
    else high = middle - 1;
  }
  return -1;
}

function inverseFrequency(count: number, containing: number): number {
  return Math.log(1 + (count - containing + 0.5) / (containing + 0.5));
}
