/** One evaluated query: where the first right answer ranked (1-based), or null when not in the list. */
export interface QueryOutcome {
  id: string;
  query: string;
  expected: string[];
  rank: number | null;
  top: string[];
}

export interface RankingMetrics {
  queries: number;
  hitAt1: number;
  hitAt5: number;
  mrrAt10: number;
}

/** The rank of the first of `expected` among `ranked`, or null. */
export function rankOf(ranked: string[], expected: string[]): number | null {
  const index = ranked.findIndex((id) => expected.includes(id));
  return index < 0 ? null : index + 1;
}

export function rankingMetrics(outcomes: QueryOutcome[]): RankingMetrics {
  const count = outcomes.length || 1;
  const within = (limit: number) =>
    outcomes.filter((outcome) => outcome.rank !== null && outcome.rank <= limit).length / count;
  const reciprocal = outcomes.reduce(
    (sum, outcome) => sum + (outcome.rank !== null && outcome.rank <= 10 ? 1 / outcome.rank : 0),
    0,
  );
  return { queries: outcomes.length, hitAt1: within(1), hitAt5: within(5), mrrAt10: reciprocal / count };
}
