import { TopK } from './top-k.ts';

/** The postings of one query term in one field and channel, with what a match there is worth. */
export interface TermList {
  /** Pairs of internal document number and term frequency, by ascending document number. */
  entries: number[];
  norms: Float64Array;
  /** Field weight × channel weight × term weight × IDF. */
  factor: number;
  /** The term's number in the query: coverage counts a term once, whichever fields it is in. */
  termNumber: number;
  /** IDF × term weight when the term measures coverage, else 0. */
  coverageWeight: number;
  /** Whether the list is of the title field (title coverage). */
  title: boolean;
  /** Whether a match here makes the document a result (see `qualifiesAsMatch`); other lists only add to a result's score. */
  qualifies: boolean;
}

/** What scoring needs beside the lists; the buffers are zeroed (`lastTerm` at -1) and left so. */
export interface ScoringContext {
  k1: number;
  coverage: number;
  titleCoverage: number;
  /** The sum of the coverage weights a document covering the whole query reaches. */
  coverable: number;
  limit: number;
  /** Which documents are live; null when no posting is of a removed one (nothing removed since the last compaction). */
  alive: boolean[] | null;
  accepts: (number: number) => boolean;
  scores: Float64Array;
  covered: Float64Array;
  titleCovered: Float64Array;
  lastTerm: Int32Array;
  /** 1 for a document a qualifying list reached. */
  matched: Uint8Array;
}

export interface Scored {
  number: number;
  score: number;
}

/** The final score of a document (BM25 sum × coverage boost), resetting its buffers for the next search. */
function finish(number: number, context: ScoringContext): number {
  const { coverable } = context;
  const share = coverable > 0 ? Math.min(1, (context.covered[number] as number) / coverable) : 0;
  const titleShare = coverable > 0 ? Math.min(1, (context.titleCovered[number] as number) / coverable) : 0;
  const score = context.scores[number] as number;
  context.scores[number] = 0;
  context.covered[number] = 0;
  context.titleCovered[number] = 0;
  context.lastTerm[number] = -1;
  return score * (1 + context.coverage * share * share + context.titleCoverage * titleShare * titleShare);
}

/** Ranks the documents a qualifying list reached, in the order given; ties keep that order. */
function rankInOrder(numbers: ArrayLike<number>, context: ScoringContext): Scored[] {
  const best = new TopK(context.limit);
  const { matched } = context;
  for (let arrival = 0; arrival < numbers.length; arrival++) {
    const number = numbers[arrival] as number;
    const score = finish(number, context);
    const qualified = matched[number] === 1;
    matched[number] = 0;
    if (qualified && best.admits(score) && context.accepts(number)) best.offer(number, score, arrival);
  }
  return best.drain();
}

/**
 * Scores every posting of every list, term at a time, and keeps the best `limit` in a heap: no
 * object per matching document, no sort of all of them. A document's parts add in the order of
 * the lists, so its score does not depend on how many others match.
 */
export function scoreTermAtATime(lists: TermList[], context: ScoringContext): Scored[] {
  const { alive, scores, covered, titleCovered, lastTerm, matched } = context;
  const boostedFrequency = context.k1 + 1;
  const touched: number[] = [];
  for (const { entries, norms, factor, coverageWeight, title, termNumber, qualifies } of lists) {
    for (let at = 0; at < entries.length; at += 2) {
      const number = entries[at] as number;
      if (alive !== null && !alive[number]) continue;
      const before = scores[number] as number;
      if (before === 0 && lastTerm[number] === -1) touched.push(number);
      const frequency = entries[at + 1] as number;
      scores[number] = before + (factor * (frequency * boostedFrequency)) / (frequency + (norms[number] as number));
      if (qualifies) matched[number] = 1;
      if (coverageWeight === 0) continue;
      if (title) titleCovered[number] += coverageWeight;
      if (lastTerm[number] !== termNumber) {
        lastTerm[number] = termNumber;
        covered[number] += coverageWeight;
      }
    }
  }
  return rankInOrder(touched, context);
}

/** Below this weight a whole word is a hint (a question's intent words), not a match. */
const WHOLE_WORD_MATCH = 0.3;

/** The query's whole words and their readings, with their weights (a query's `words` and `readings`). */
export interface WholeWords {
  words: Map<string, number>;
  readings: Map<string, number>;
}

/**
 * Whether a query term can make a document a result: a term as typed, or a whole word standing
 * for one (a synonym, a word one typo away), also where it is a bigram because the word is two
 * characters long (犬's いぬ inside 飼い犬). A document reached only by pieces of longer synonyms
 * or by intent words is no answer (売却's ばい meets 場合's ばあい).
 */
export function qualifiesAsMatch(channel: string, term: string, termWeight: number, whole: WholeWords): boolean {
  if (termWeight >= 1) return true;
  if (channel === 'words' || channel === 'readings') return termWeight >= WHOLE_WORD_MATCH;
  const asWord =
    channel === 'grams' ? whole.words.get(term) : channel === 'readingGrams' ? whole.readings.get(term) : 0;
  return (asWord ?? 0) >= WHOLE_WORD_MATCH;
}
