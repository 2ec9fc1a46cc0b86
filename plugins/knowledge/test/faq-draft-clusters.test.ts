import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { clusterSignals, signalTerms } from '../src/faq-drafts/clusters.ts';
import { CLUSTER_THRESHOLD } from '../src/faq-drafts/drafting.ts';
import { JapaneseSearch } from '../src/search/index.ts';

interface Query {
  id: string;
  query: string;
  answer_id: string;
  alt_answer_ids?: string[];
}

const read = (file: string): Query[] =>
  readFileSync(new URL(`../eval/${file}`, import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Query);

const sameEntry = (left: Query, right: Query) =>
  left.answer_id === right.answer_id ||
  (left.alt_answer_ids ?? []).includes(right.answer_id) ||
  (right.alt_answer_ids ?? []).includes(left.answer_id);

/**
 * The grouping of the FAQ drafting over residents' wordings of the Kobe FAQ (the query sets):
 * floors under the pair precision and recall the README reports (0.33 / 0.36), so a change
 * to the analysis or the threshold that groups worse fails here.
 */
describe('grouping wording variants for FAQ drafts', () => {
  let search: JapaneseSearch<unknown>;
  beforeAll(async () => {
    search = await JapaneseSearch.create();
  });

  it('keeps the measured pair recall and precision on all 230 queries', () => {
    const queries = [...read('faq-dev.jsonl'), ...read('faq-holdout.jsonl')];
    const clusters = clusterSignals(
      queries.map((query, index) => ({
        signal: query,
        terms: signalTerms(search.analyzer.analyzeQuery(query.query)),
        at: String(index).padStart(4, '0'),
      })),
      CLUSTER_THRESHOLD,
    );
    const clusterOf = new Map<string, number>();
    clusters.forEach((cluster, index) => {
      for (const member of cluster.members) clusterOf.set(member.signal.id, index);
    });
    let together = 0;
    let apart = 0;
    let wronglyTogether = 0;
    for (const [i, left] of queries.entries()) {
      for (const right of queries.slice(i + 1)) {
        const joined = clusterOf.get(left.id) === clusterOf.get(right.id);
        if (sameEntry(left, right)) joined ? together++ : apart++;
        else if (joined) wronglyTogether++;
      }
    }
    expect(together / (together + apart)).toBeGreaterThanOrEqual(0.33);
    expect(together / (together + wronglyTogether)).toBeGreaterThanOrEqual(0.3);
  });
});
