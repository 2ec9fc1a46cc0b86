import { type AnalyzedText, Analyzer, CHANNELS } from './analyzer.ts';
import { intentWords } from './intents.ts';
import {
  type AnalyzedDocument,
  FIELDS,
  type FieldName,
  InvertedIndex,
  type RankingWeights,
  type WeightedQuery,
} from './inverted-index.ts';
import { hasSearchableText } from './normalize.ts';
import { SynonymDictionary, type SynonymGroup, type SynonymMatch } from './synonyms.ts';
import { loadTokenizer } from './tokenizer.ts';

/** A document to index: its text per field and what to hand back with a hit. */
export interface SearchDocument<M> {
  id: string;
  fields: Partial<Record<FieldName, string>>;
  meta: M;
}

export interface SearchHit<M> {
  id: string;
  score: number;
  meta: M;
}

/** The analyses of a query text that do not depend on the index. */
interface QueryAnalysis {
  typed: AnalyzedText;
  /** Per synonym group: the words it brings in, and the analysis of the words typed. */
  expansions: Array<{ analysed: AnalyzedText; typed: AnalyzedText[] }>;
  intents: AnalyzedText[];
}

/** How many recent query texts keep their analysis (a few kB each). */
const QUERY_ANALYSES_KEPT = 1_000;

/** Queries longer than this are cut: the first part of a pasted letter says what it is about. */
export const MAX_QUERY_CHARACTERS = 200;
const SYNONYM_WEIGHT = 0.3;
/**
 * A synonym of a word no passage uses (集める where the city writes 収集): the resident's word
 * cannot match, so the city's word stands in for it more strongly.
 */
const STAND_IN_WEIGHT = 0.55;
/** Answer words of a question's intent: a hint between equally good matches, never the match itself. */
const INTENT_WEIGHT = 0.2;
/** A known word one typo away from a word the index does not have. */
const TYPO_WEIGHT = 0.5;

/**
 * The embedded Japanese search: analysis (readings, folding, n-grams), synonym expansion and
 * BM25 ranking over an in-process index.
 */
export class JapaneseSearch<M> {
  readonly analyzer: Analyzer;
  readonly #index: InvertedIndex<M>;
  #synonyms: SynonymDictionary;
  readonly #analyses = new Map<string, QueryAnalysis>();

  private constructor(analyzer: Analyzer, synonyms: SynonymGroup[], weights?: RankingWeights) {
    this.analyzer = analyzer;
    this.#index = new InvertedIndex<M>(weights);
    this.#synonyms = new SynonymDictionary(synonyms, analyzer);
  }

  static async create<M>(
    options: { synonyms?: SynonymGroup[]; weights?: RankingWeights } = {},
  ): Promise<JapaneseSearch<M>> {
    return new JapaneseSearch<M>(new Analyzer(await loadTokenizer()), options.synonyms ?? [], options.weights);
  }

  get size(): number {
    return this.#index.size;
  }

  setSynonyms(groups: SynonymGroup[]): void {
    this.#synonyms = new SynonymDictionary(groups, this.analyzer);
    this.#analyses.clear();
  }

  /** The stored form of a document: analysed once, kept beside the record, loaded by every node. */
  analyzeDocument(document: SearchDocument<M>): AnalyzedDocument<M> {
    const fields: Partial<Record<FieldName, AnalyzedText>> = {};
    for (const field of FIELDS) {
      const text = document.fields[field];
      if (text) fields[field] = this.analyzer.analyze(text);
    }
    return { id: document.id, fields, meta: document.meta };
  }

  add(document: SearchDocument<M>): void {
    this.#index.put(this.analyzeDocument(document));
  }

  putAnalyzed(document: AnalyzedDocument<M>): void {
    this.#index.put(document);
  }

  remove(id: string): boolean {
    return this.#index.remove(id);
  }

  /** The query's terms per channel, with the synonyms it brings in at a lower weight. */
  buildQuery(text: string): WeightedQuery {
    const query = Object.fromEntries(CHANNELS.map((channel) => [channel, new Map<string, number>()])) as WeightedQuery;
    const { typed, expansions, intents } = this.#analysisOf(text);
    const add = (analysed: AnalyzedText, weight: number) => {
      for (const channel of CHANNELS) {
        for (const term of analysed[channel]) {
          const terms = query[channel];
          terms.set(term, Math.max(terms.get(term) ?? 0, weight));
        }
      }
    };
    add(typed, 1);
    for (const { analysed, typed: typedMembers } of expansions) {
      // Used as written or as it sounds (カン is used where the city writes 缶).
      const typedIsUsed = typedMembers.some(
        (member) =>
          member.words.some((word) => this.#index.hasTerm('words', word)) ||
          member.readings.some((reading) => this.#index.hasTerm('readings', reading)),
      );
      add(analysed, typedIsUsed ? SYNONYM_WEIGHT : STAND_IN_WEIGHT);
    }
    // Near readings come from the index's vocabulary, which changes with every write: never cached.
    for (const reading of typed.readings)
      for (const near of this.#index.readingVocabulary.near(reading))
        query.readings.set(near, Math.max(query.readings.get(near) ?? 0, TYPO_WEIGHT));
    for (const intent of intents) add(intent, INTENT_WEIGHT);
    return query;
  }

  /**
   * The analyses a query text needs (typed words, synonym expansions, intent words), kept for the
   * most recent texts: the tokenizer runs several times per query, and residents repeat queries.
   * They depend on the text and the synonyms only, so only new synonyms clear them.
   */
  #analysisOf(text: string): QueryAnalysis {
    const cached = this.#analyses.get(text);
    if (cached) return cached;
    const analysis: QueryAnalysis = {
      typed: this.analyzer.analyzeQuery(text),
      expansions: this.#synonymMatches(text).map(({ typed, others }) => ({
        analysed: this.analyzer.analyze(others.join('、')),
        typed: typed.map((word) => this.analyzer.analyze(word)),
      })),
      intents: intentWords(text, this.analyzer.sound(text)).map((word) => this.analyzer.analyze(word)),
    };
    if (this.#analyses.size >= QUERY_ANALYSES_KEPT) this.#analyses.delete(this.#analyses.keys().next().value as string);
    this.#analyses.set(text, analysis);
    return analysis;
  }

  /** The synonyms a query brings in. */
  expansions(text: string): string[] {
    return this.#synonymMatches(text).flatMap((match) => match.others);
  }

  #synonymMatches(text: string): SynonymMatch[] {
    const analysed = this.analyzer.analyze(text);
    return this.#synonyms.matches(text, this.analyzer.soundOfWords(text), analysed.words, analysed.readings);
  }

  search(
    text: string,
    options: { limit?: number; accept?: (meta: M) => boolean; exhaustive?: boolean } = {},
  ): SearchHit<M>[] {
    const query = text.slice(0, MAX_QUERY_CHARACTERS);
    if (!hasSearchableText(query)) return [];
    return this.#index.search(this.buildQuery(query), { ...options, limit: options.limit ?? 10 });
  }
}
