import { type RoundResult, runRound } from '../lib/load.ts';
import type { EndpointPair } from './endpoints.ts';

export interface Comparison {
  name: string;
  /** Measured rounds, warm-up excluded; round i of each side ran back to back. */
  generated: RoundResult[];
  handWritten: RoundResult[];
}

export interface CompareOptions {
  rounds: number;
  concurrency: number;
  log(line: string): void;
}

/**
 * One warm-up round per side (JIT, connection pools, caches), then measured rounds that
 * alternate sides, swapping which goes first every round (ABBA), so that a burst of noise
 * on this shared machine or a slow drift hits both sides alike.
 */
export async function compareEndpoint(pair: EndpointPair, options: CompareOptions): Promise<Comparison> {
  const round = async (side: 'generated' | 'handWritten', label: string) => {
    const result = await runRound((i) => pair[side](i), {
      requests: pair.requestsPerRound,
      concurrency: options.concurrency,
    });
    await pair.afterRound?.();
    options.log(
      `  ${pair.name.padEnd(16)} ${label.padEnd(8)} ${side.padEnd(12)} ${result.requestsPerSecond.toFixed(0).padStart(5)} req/s  ${result.cpuMsPerRequest.toFixed(2).padStart(6)} ms CPU/req`,
    );
    return result;
  };
  await round('generated', 'warm-up');
  await round('handWritten', 'warm-up');
  const comparison: Comparison = { name: pair.name, generated: [], handWritten: [] };
  for (let r = 0; r < options.rounds; r++) {
    const order = r % 2 === 0 ? (['generated', 'handWritten'] as const) : (['handWritten', 'generated'] as const);
    for (const side of order) comparison[side].push(await round(side, `${r + 1}/${options.rounds}`));
  }
  return comparison;
}
