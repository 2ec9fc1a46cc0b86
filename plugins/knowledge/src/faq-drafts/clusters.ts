import type { AnalyzedText } from '../search/index.ts';

/** One piece of evidence to cluster: its analysed terms and when it was seen. */
export interface ClusterInput<S> {
  signal: S;
  terms: Set<string>;
  at: string;
}

export interface Cluster<S> {
  members: Array<ClusterInput<S>>;
  /** How many members carry each term: the cluster's profile, compared with the next signal. */
  profile: Map<string, number>;
  lastAt: string;
}

/**
 * The terms of a signal for grouping: the bigrams of its content segments' readings, so that
 * 暗証番号を忘れた and あんしょうばんごう わすれた meet (a kana-only question is cut badly by
 * the analyser, its sound is not). On the FAQ query sets these grouped wording variants
 * better than dictionary forms, readings or both (see the README).
 */
export function signalTerms(analysed: AnalyzedText): Set<string> {
  return new Set(analysed.readingGrams);
}

/** Cosine of two term sets, each term weighted by its rarity among the signals (idf). */
function similarity(terms: Set<string>, profile: Map<string, number>, size: number, idf: Map<string, number>): number {
  let dot = 0;
  let left = 0;
  for (const term of terms) {
    const weight = idf.get(term) ?? 0;
    left += weight * weight;
    const share = (profile.get(term) ?? 0) / size;
    dot += weight * weight * share;
  }
  let right = 0;
  for (const [term, count] of profile) {
    const weight = (idf.get(term) ?? 0) * (count / size);
    right += weight * weight;
  }
  return left === 0 || right === 0 ? 0 : dot / Math.sqrt(left * right);
}

/**
 * Signals that carry no term at all, added to the count: a small run whose signals all ask the
 * same thing must not make that thing's own terms nearly worthless (with three signals, a term
 * in all three would weigh half of one in a single signal).
 */
const IDF_PRIOR = 10;

function inverseFrequencies<S>(inputs: Array<ClusterInput<S>>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const input of inputs) for (const term of input.terms) counts.set(term, (counts.get(term) ?? 0) + 1);
  const idf = new Map<string, number>();
  for (const [term, count] of counts) idf.set(term, Math.log(1 + (inputs.length + IDF_PRIOR) / count));
  return idf;
}

/**
 * Greedy single pass, newest first: each signal joins the cluster whose profile it is most
 * like, when at least `threshold` alike, or starts its own. No model: the search's own
 * analysis decides what "the same question" is.
 */
export function clusterSignals<S>(inputs: Array<ClusterInput<S>>, threshold: number): Array<Cluster<S>> {
  const idf = inverseFrequencies(inputs);
  const ordered = [...inputs].sort((left, right) => right.at.localeCompare(left.at));
  const clusters: Array<Cluster<S>> = [];
  for (const input of ordered) {
    if (input.terms.size === 0) continue;
    let best: Cluster<S> | undefined;
    let bestScore = threshold;
    for (const cluster of clusters) {
      const score = similarity(input.terms, cluster.profile, cluster.members.length, idf);
      if (score >= bestScore) {
        best = cluster;
        bestScore = score;
      }
    }
    if (!best) {
      best = { members: [], profile: new Map(), lastAt: input.at };
      clusters.push(best);
    }
    best.members.push(input);
    for (const term of input.terms) best.profile.set(term, (best.profile.get(term) ?? 0) + 1);
  }
  return clusters;
}
