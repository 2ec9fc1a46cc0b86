import { type AnalyzedText, CHANNELS, type Channel } from './analyzer.ts';
import { NearTerms } from './near-terms.ts';
import { qualifiesAsMatch, scoreTermAtATime, type TermList } from './scoring.ts';

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
  b: 0.9,
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
  /** BM25's length norm per document, computed when first needed after a change. */
  norms: Float64Array | null;
}

/**
 * A term in more than this share of a large index's documents is skipped when scoring (a stop
 * bigram like 「申請」's in a city's corpus): its postings are the longest to walk and its IDF
 * the smallest. Small indexes keep every term, so a corpus of a few thousand FAQ ranks exactly.
 */
const COMMON_TERM_SHARE = 0.05;
const COMMON_TERM_MIN_DOCUMENTS = 2_000;

export interface IndexSearchOptions<M> {
  limit: number;
  accept?: (meta: M) => boolean;
  /** Score common terms too (slower on a large index): to measure what skipping them changes. */
  exhaustive?: boolean;
}

interface SearchBuffers {
  scores: Float64Array;
  covered: Float64Array;
  titleCovered: Float64Array;
  lastTerm: Int32Array;
  matched: Uint8Array;
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
  #buffers: SearchBuffers | null = null;
  readonly weights: RankingWeights;

  constructor(weights: RankingWeights = DEFAULT_WEIGHTS) {
    this.weights = weights;
  }

  get size(): number {
    return this.#numberOf.size;
  }

  /** Whether any document has the term in the channel, in any field. */
  hasTerm(channel: Channel, term: string): boolean {
    return FIELDS.some((field) => (this.#parts.get(`${field}|${channel}`)?.terms.get(term)?.entries.length ?? 0) > 0);
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
        part.norms = null;
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
    for (const part of this.#parts.values()) {
      part.totalLength -= part.lengths[number] ?? 0;
      part.norms = null;
    }
    if (this.#dead > 1000 && this.#dead * 4 > this.#ids.length) this.#compact();
    return true;
  }

  search(query: WeightedQuery, options: IndexSearchOptions<M>): IndexHit<M>[] {
    const total = this.#numberOf.size;
    if (total === 0) return [];
    const { lists, coverable } = this.#termLists(query, options.exhaustive ?? false);
    const buffers = this.#buffersFor(this.#ids.length);
    const { accept } = options;
    const context = {
      ...buffers,
      k1: this.weights.k1,
      coverage: this.weights.coverage,
      titleCoverage: this.weights.titleCoverage,
      coverable,
      limit: options.limit,
      alive: this.#dead === 0 ? null : this.#alive,
      accepts: accept ? (number: number) => accept(this.#metas[number] as M) : () => true,
    };
    return scoreTermAtATime(lists, context).map(({ number, score }) => ({
      id: this.#ids[number] as string,
      score,
      meta: this.#metas[number] as M,
    }));
  }

  /** The postings a query walks, one list per term and field, and the coverage a full match reaches. */
  #termLists(query: WeightedQuery, exhaustive: boolean): { lists: TermList[]; coverable: number } {
    const total = this.#numberOf.size;
    const commonAbove = exhaustive
      ? Number.POSITIVE_INFINITY
      : Math.max(COMMON_TERM_MIN_DOCUMENTS, total * COMMON_TERM_SHARE);
    const lists: TermList[] = [];
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
          const documentFrequency = postings.entries.length / 2;
          if (documentFrequency > commonAbove) continue;
          const norms = this.#normsOf(part, total);
          const idf = Math.log(1 + (total - documentFrequency + 0.5) / (documentFrequency + 0.5));
          idfOfTerm = Math.max(idfOfTerm, idf);
          const factor = this.weights.fields[field] * this.weights.channels[channel] * termWeight * idf;
          lists.push({
            entries: postings.entries,
            norms,
            factor,
            termNumber,
            coverageWeight: counts ? idf * termWeight : 0,
            title: field === 'title',
            qualifies: qualifiesAsMatch(channel, term, termWeight, query),
          });
        }
        // A term no document has (a typo, a word the city never uses) does not count against coverage.
        if (counts && termWeight === 1) coverable += idfOfTerm;
      }
    }
    return { lists, coverable };
  }

  /** The length norms of a part, recomputed after documents were added or removed. */
  #normsOf(part: FieldChannelIndex, total: number): Float64Array {
    if (part.norms && part.norms.length >= this.#ids.length) return part.norms;
    const { k1, b } = this.weights;
    const averageLength = part.totalLength / total || 1;
    const norms = new Float64Array(this.#ids.length);
    for (let number = 0; number < norms.length; number++)
      norms[number] = k1 * (1 - b + (b * (part.lengths[number] ?? 0)) / averageLength);
    part.norms = norms;
    return norms;
  }

  /**
   * Score buffers kept between searches (a search runs start to end without yielding), left
   * zeroed by each search for the next: no allocation in proportion to the index per query.
   */
  #buffersFor(size: number): SearchBuffers {
    if (!this.#buffers || this.#buffers.scores.length < size) {
      const capacity = Math.max(size, Math.ceil((this.#buffers?.scores.length ?? 0) * 1.5));
      this.#buffers = {
        scores: new Float64Array(capacity),
        covered: new Float64Array(capacity),
        titleCovered: new Float64Array(capacity),
        lastTerm: new Int32Array(capacity).fill(-1),
        matched: new Uint8Array(capacity),
      };
    }
    return this.#buffers;
  }

  #part(field: FieldName, channel: Channel): FieldChannelIndex {
    const key = `${field}|${channel}`;
    let part = this.#parts.get(key);
    if (!part) {
      part = { terms: new Map(), lengths: [], totalLength: 0, norms: null };
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
