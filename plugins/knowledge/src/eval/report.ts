import type { RankingMetrics } from '../search/index.ts';

const percent = (value: number) => value.toFixed(3);

/** A plain table: one row per system, hit@1, hit@5 and MRR@10, and the ratio to the baseline. */
export function rankingTable(rows: Array<{ name: string; metrics: RankingMetrics }>): string {
  const baseline = rows.at(-1)?.metrics;
  const lines = ['system                     queries  hit@1  hit@5  MRR@10  (hit@5 vs baseline)'];
  for (const { name, metrics } of rows) {
    const ratio = baseline && baseline.hitAt5 > 0 ? `${(metrics.hitAt5 / baseline.hitAt5).toFixed(2)}×` : '';
    lines.push(
      `${name.padEnd(26)} ${String(metrics.queries).padStart(7)}  ${percent(metrics.hitAt1)}  ${percent(metrics.hitAt5)}  ${percent(metrics.mrrAt10).padStart(6)}  ${ratio}`,
    );
  }
  return lines.join('\n');
}
