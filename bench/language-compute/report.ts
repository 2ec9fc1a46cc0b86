import { loadavg } from 'node:os';
import type { Comparison } from '../api/compare.ts';
import { THROUGHPUT_TARGET } from '../api/report.ts';
import { median, percentile, sortedSamples } from '../lib/stats.ts';
import { formatTable } from '../lib/table.ts';

/** The machine's 1-, 5- and 15-minute load averages, as `uptime` prints them. */
export function loadAverages(): string {
  return loadavg()
    .map((load) => load.toFixed(2))
    .join(', ');
}

/**
 * The comparison of interleaved rounds: per side the median req/s and CPU per request, and the
 * medians of the per-round ratios (each round pair ran back to back, so the ratios are steadier
 * than either side's numbers on a shared machine). The CPU ratio is hand-written ÷ generated,
 * so that above 1 is in the generated API's favour like the throughput ratio.
 */
export function formatInterleaved(comparison: Comparison, concurrency: number): string {
  const { generated, handWritten } = comparison;
  const throughput = median(generated.map((round, i) => round.requestsPerSecond / handWritten[i].requestsPerSecond));
  const cpu = median(generated.map((round, i) => handWritten[i].cpuMsPerRequest / round.cpuMsPerRequest));
  const side = (rounds: Comparison['generated']) => {
    const latencies = sortedSamples(rounds.map((round) => round.latenciesMs));
    return [
      median(rounds.map((round) => round.requestsPerSecond)).toFixed(0),
      percentile(latencies, 0.5).toFixed(1),
      median(rounds.map((round) => round.cpuMsPerRequest)).toFixed(2),
    ];
  };
  // Rounded down, so that a ratio just below the target never prints as the target itself.
  const ratio = (value: number) => `${(Math.floor(value * 100) / 100).toFixed(2)}×`;
  return [
    `concurrency ${concurrency}, ${generated.length} round pairs; req/s, CPU ms/req: medians over the rounds;`,
    'p50 over every request; ratios: medians of the per-round ratios (CPU: hand-written ÷ generated).',
    formatTable(
      ['side', 'req/s', 'p50 ms', 'CPU ms/req'],
      [
        ['generated', ...side(generated)],
        ['hand-written', ...side(handWritten)],
      ],
    ),
    '',
    formatTable(
      ['measure', 'gen/hand', 'target'],
      [
        [
          'throughput (req/s)',
          ratio(throughput),
          `${throughput >= THROUGHPUT_TARGET ? 'met' : 'MISSED'} (≥ ${THROUGHPUT_TARGET})`,
        ],
        ['CPU per request', ratio(cpu), ''],
      ],
    ),
  ].join('\n');
}
