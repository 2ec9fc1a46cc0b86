export { ANALYSIS_VERSION, type AnalyzedText, Analyzer, CHANNELS, type Channel } from './analyzer.ts';
export { JapaneseSearch, MAX_QUERY_CHARACTERS, type SearchDocument, type SearchHit } from './engine.ts';
export { type HighlightSegment, highlight } from './highlight.ts';
export {
  type AnalyzedDocument,
  DEFAULT_WEIGHTS,
  FIELDS,
  type FieldName,
  type RankingWeights,
} from './inverted-index.ts';
export { type QueryOutcome, type RankingMetrics, rankingMetrics, rankOf } from './metrics.ts';
export { foldKana, foldSound, hasSearchableText, normalizeText, toHiragana } from './normalize.ts';
export { SynonymDictionary, type SynonymGroup } from './synonyms.ts';
export { BigramTfidfBaseline } from './tfidf-baseline.ts';
export { loadTokenizer, type Tokenizer } from './tokenizer.ts';
