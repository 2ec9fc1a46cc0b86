import { median, percentile, sortedSamples } from '../lib/stats.ts';
import { formatTable } from '../lib/table.ts';
import type { BigTablePublish } from './big-table-publish.ts';
import type { Comparison } from './compare.ts';

/** Generated requests/s must be at least this share of the hand-written ones. */
export const THROUGHPUT_TARGET = 0.8;
/** Adding a nullable field to a 1,000,000-row table must publish within this. */
export const PUBLISH_TARGET_SECONDS = 2;

export function formatComparisons(comparisons: readonly Comparison[], concurrency: number): string {
  const header = ['endpoint', 'gen req/s', 'p50 ms', 'p99 ms', 'hand req/s', 'p50 ms', 'p99 ms', 'gen/hand', 'target'];
  const rows = comparisons.map((comparison) => {
    const generated = summarize(comparison.generated);
    const handWritten = summarize(comparison.handWritten);
    const ratio = median(
      comparison.generated.map((round, i) => round.requestsPerSecond / comparison.handWritten[i].requestsPerSecond),
    );
    return [
      comparison.name,
      ...generated,
      ...handWritten,
      // Rounded down, so that a ratio just below the target never prints as the target itself.
      `${(Math.floor(ratio * 100) / 100).toFixed(2)}×`,
      ratio >= THROUGHPUT_TARGET ? `met (≥ ${THROUGHPUT_TARGET})` : `MISSED (≥ ${THROUGHPUT_TARGET})`,
    ];
  });
  const rounds = comparisons[0]?.generated.length ?? 0;
  return [
    `HTTP throughput, concurrency ${concurrency}: req/s is the median of ${rounds} rounds, latencies pool every request of them,`,
    'gen/hand is the median of the per-round ratios of req/s.',
    formatTable(header, rows),
  ].join('\n');
}

/** Median req/s over the rounds; p50 and p99 over every request of them. */
function summarize(rounds: Comparison['generated']): string[] {
  const latencies = sortedSamples(rounds.map((round) => round.latenciesMs));
  return [
    median(rounds.map((round) => round.requestsPerSecond)).toFixed(0),
    percentile(latencies, 0.5).toFixed(2),
    percentile(latencies, 0.99).toFixed(2),
  ];
}

export function formatBigTablePublish(result: BigTablePublish): string {
  const met = result.publishSeconds <= PUBLISH_TARGET_SECONDS;
  const safe = result.steps.filter((step) => step.safety === 'safe').length;
  return [
    `Publish adding one nullable field to a table of ${result.rows.toLocaleString('en')} rows`,
    `(filling the table took ${result.fillSeconds.toFixed(1)} s, not measured):`,
    formatTable(
      ['measure', 'value', 'target'],
      [
        [
          'publish wall time',
          `${result.publishSeconds.toFixed(3)} s`,
          `${met ? 'met' : 'MISSED'} (≤ ${PUBLISH_TARGET_SECONDS} s)`,
        ],
      ],
    ),
    `plan: ${result.steps.length} step(s), ${safe} safe, ${result.steps.length - safe} destructive`,
    ...result.steps.map(
      (step, i) =>
        `  ${i + 1}. ${step.action} ${step.table}.${step.column ?? ''} (${step.safety}): ${step.sql.join('; ')}`,
    ),
  ].join('\n');
}
