import type { LoadRequest, RoundOptions } from './load.ts';

/** What the benchmark process and its load process tell each other over IPC. */
export type ToLoadProcess =
  | {
      type: 'round';
      round: number;
      /** Request `i` of the round is `requests[i % requests.length]`. */
      requests: LoadRequest[];
      options: RoundOptions;
    }
  | { type: 'close' };

export type FromLoadProcess =
  | { type: 'done'; round: number; requestsPerSecond: number; latenciesMs: number[]; cpuMsPerRequest: number }
  | { type: 'failed'; round: number; message: string };
