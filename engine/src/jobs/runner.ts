import { AsyncResource } from 'node:async_hooks';
import type { JobRunSummary } from './run.ts';

export interface JobRunner {
  /** Looks for due jobs now instead of at the next poll. */
  wake(): void;
  /** Ends polling and waits for the round in progress. */
  stop(): Promise<void>;
}

/**
 * Runs `run` every `intervalMs` and whenever woken, one round at a time; a round that fails is
 * reported and the next tries again.
 */
export function startJobRunner(options: {
  run: () => Promise<JobRunSummary>;
  intervalMs: number;
  onError: (error: unknown) => void;
}): JobRunner {
  let stopped = false;
  let round: Promise<unknown> = Promise.resolve();
  let queued = false;
  // Bound to the context the runner started in: a wake from inside a plugin transaction must
  // not make the round join that transaction.
  const next = AsyncResource.bind(() => {
    if (stopped || queued) return;
    queued = true;
    round = round.then(async () => {
      queued = false;
      if (!stopped) await options.run().catch(options.onError);
    });
  });
  const timer = setInterval(next, options.intervalMs);
  timer.unref();
  return {
    wake: next,
    async stop() {
      stopped = true;
      clearInterval(timer);
      await round;
    },
  };
}
