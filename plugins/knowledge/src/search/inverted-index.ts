import { type AnalyzedText, CHANNELS, type Channel } from './analyzer.ts';
import { NearTerms } from './near-terms.ts';

export type FieldName = 'title' | 'keywords' | 'body';
export const FIELDS: FieldName[] = ['title', 'keywords', 'body'];

/** A document as stored: its analysis per field, computed once when it is written. */
export interface AnalyzedDocument<M> {
  id: string;
  fields: Partial<Record<FieldName, AnalyzedText>>;
  meta: M;
}

/** Query terms per channel with a weight each (1 for typed words, less for synonyms). */
export type WeightedQuery = Record<Channel, Map<string, number>>;

export interface RankingWeights {
  channels: Record<Channel, number>;
  fields: Record<FieldName, number>;
  k1: number;
  b: number;
  /** How much a document that covers all of the query outranks one matching part of it often. */
  coverage: number;
  /** The same for the title alone: a question that says all the query says is likely its answer. */
  titleCoverage: number;
}

/** The channel whose terms measure coverage: reading bigrams see kana, kanji and typos alike. */
const COVERAGE_CHANNEL: Channel = 'readingGrams';

/** Tuned on the development sets (see the README); question matches outrank answer matches. */
export const DEFAULT_WEIGHTS: RankingWeights = {
  channels: { words: 0.5, readings: 0.3, grams: 0.45, readingGrams: 0.35, minor: 0.4 },
  fields: { title: 2.2, keywords: 0.5, body: 1 },
  k1: 2,
  b: 0.75,
  coverage: 0.5,
  titleCoverage: 0.5,
};

interface Postings {
  /** Pairs of internal document number and term frequency. */
  entries: number[];
}

interface FieldChannelIndex {
  terms: Map<string, Postings>;
  lengths: number[];
  totalLength: number;
}

export interface IndexHit<M> {
  id: string;
  score: number;
  meta: M;
}

/**
 * An inverted index ranking by BM25 summed over channels and fields with their weights.
 * Removal marks a tombstone; the postings are compacted once a quarter of them is dead.
 */
export class InvertedIndex<M> {
  #ids: string[] = [];
  #metas: M[] = [];
  #alive: boolean[] = [];
  #numberOf = new Map<string, number>();
  #dead = 0;
  #parts = new Map<string, FieldChannelIndex>();
  /** Word readings of every field, for typo tolerance (readings, because they meet any script). */
  readonly readingVocabulary = new NearTerms();
  readonly weights: RankingWeights;

  constructor(weights: RankingWeights = DEFAULT_WEIGHTS) {
    this.weights = weights;
  }

  get size(): number {
    return this.#numberOf.size;
  }

  has(id: string): boolean {
    return this.#numberOf.has(id);
  }

  put(document: AnalyzedDocument<M>): void {
    this.remove(document.id);
    const number = this.#ids.length;
    this.#ids.push(document.id);
    this.#metas.push(document.meta);
    this.#alive.push(true);
    this.#numberOf.set(document.id, number);
    for (const field of FIELDS) {
      const analysed = document.fields[field];
      for (const channel of CHANNELS) {
        const part = this.#part(field, channel);
        const terms = analysed?.[channel] ?? [];
        part.lengths[number] = terms.length;
        part.totalLength += terms.length;
        const counts = new Map<string, number>();
        for (const term of terms) counts.set(term, (counts.get(term) ?? 0) + 1);
        for (const [term, count] of counts) {
          if (channel === 'readings') this.readingVocabulary.add(term);
          let postings = part.terms.get(term);
          if (!postings) {
            postings = { entries: [] };
            part.terms.set(term, postings);
          }
          postings.entries.push(number, count);
        }
      }
    }
  }

  remove(id: string): boolean {
    const number = this.#numberOf.get(id);
    if (number === undefined) return false;
    this.#numberOf.delete(id);
    this.#alive[number] = false;
    this.#metas[number] = undefined as M;
    this.#dead++;
    for (const part of this.#parts.values()) part.totalLength -= part.lengths[number] ?? 0;
    if (this.#dead > 1000 && this.#dead * 4 > this.#ids.length) this.#compact();
    return true;
  }

  search(query: WeightedQuery, options: { limit: number; accept?: (meta: M) => boolean }): IndexHit<M>[] {
    const total = this.#numberOf.size;
    if (total === 0) return [];
    const scores = new Float64Array(this.#ids.length);
    const covered = new Float64Array(this.#ids.length);
    const titleCovered = new Float64Array(this.#ids.length);
    const lastTerm = new Int32Array(this.#ids.length).fill(-1);
    const touched: number[] = [];
    const { k1, b, coverage } = this.weights;
    let termNumber = 0;
    let coverable = 0;
    for (const channel of CHANNELS) {
      for (const [term, termWeight] of query[channel]) {
        termNumber++;
        const counts = channel === COVERAGE_CHANNEL;
        let idfOfTerm = 0;
        for (const field of FIELDS) {
          const part = this.#parts.get(`${field}|${channel}`);
          const postings = part?.terms.get(term);
          if (!part || !postings) continue;
          const weight = this.weights.fields[field] * this.weights.channels[channel];
          const averageLength = part.totalLength / total || 1;
          const entries = postings.entries;
          const documentFrequency = entries.length / 2;
          const idf = Math.log(1 + (total - documentFrequency + 0.5) / (documentFrequency + 0.5));
          idfOfTerm = Math.max(idfOfTerm, idf);
          const factor = weight * termWeight * idf;
          for (let i = 0; i < entries.length; i += 2) {
            const number = entries[i] as number;
            if (!this.#alive[number]) continue;
            const frequency = entries[i + 1] as number;
            const norm = k1 * (1 - b + (b * (part.lengths[number] ?? 0)) / averageLength);
            if (scores[number] === 0) touched.push(number);
            scores[number] += (factor * (frequency * (k1 + 1))) / (frequency + norm);
            if (counts && field === 'title') titleCovered[number] += idf * termWeight;
            if (counts && lastTerm[number] !== termNumber) {
              lastTerm[number] = termNumber;
              covered[number] += idf * termWeight;
            }
          }
        }
        // A term no document has (a typo, a word the city never uses) does not count against coverage.
        if (counts && termWeight === 1) coverable += idfOfTerm;
      }
    }
    const hits: IndexHit<M>[] = [];
    for (const number of touched) {
      const meta = this.#metas[number] as M;
      if (options.accept && !options.accept(meta)) continue;
      const share = coverable > 0 ? Math.min(1, (covered[number] as number) / coverable) : 0;
      const titleShare = coverable > 0 ? Math.min(1, (titleCovered[number] as number) / coverable) : 0;
      const boost = 1 + coverage * share * share + this.weights.titleCoverage * titleShare * titleShare;
      hits.push({ id: this.#ids[number] as string, score: (scores[number] as number) * boost, meta });
    }
    hits.sort((left, right) => right.score - left.score);
    return hits.slice(0, options.limit);
  }

  #part(field: FieldName, channel: Channel): FieldChannelIndex {
    const key = `${field}|${channel}`;
    let part = this.#parts.get(key);
    if (!part) {
      part = { terms: new Map(), lengths: [], totalLength: 0 };
      this.#parts.set(key, part);
    }
    return part;
  }

  /** Drops the postings of removed documents; document numbers stay as they are. */
  #compact(): void {
    for (const part of this.#parts.values()) {
      for (const [term, postings] of part.terms) {
        const kept: number[] = [];
        for (let i = 0; i < postings.entries.length; i += 2) {
          if (this.#alive[postings.entries[i] as number])
            kept.push(postings.entries[i] as number, postings.entries[i + 1] as number);
        }
        if (kept.length === 0) part.terms.delete(term);
        else postings.entries = kept;
      }
    }
    this.#dead = 0;
  }
}
