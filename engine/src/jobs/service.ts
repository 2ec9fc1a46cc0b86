import type { Sql } from '../data/index.ts';
import type { Transact } from '../events/index.ts';
import { countJobs, type JobStatus, type JobView, listJobs, retryDeadJob } from './admin.ts';
import type { ClaimedJob, JobBackoff } from './queue.ts';
import { type JobHandler, type JobRunSummary, runDueJobs } from './run.ts';
import { type JobRunner, startJobRunner } from './runner.ts';
import { ensureSchedules, nextRunOf } from './schedule.ts';

/** The engine's jobs: run on demand (tests, the CLI) or by the poller, listed and retried by administrators. */
export interface EngineJobs {
  /** Runs every job due at `now` (the database's clock when absent) and tells what happened. */
  runDue(now?: Date): Promise<JobRunSummary>;
  list(options?: { status?: JobStatus; limit?: number }): Promise<JobView[]>;
  counts(): Promise<Record<JobStatus, number>>;
  /** Puts a dead job back in the queue; null when no dead job has that id. */
  retry(id: string): Promise<JobView | null>;
  /** Looks for due jobs now instead of at the next poll. */
  wake(): void;
}

export interface JobServiceOptions {
  transact: Transact;
  handlers: ReadonlyMap<string, JobHandler>;
  schedules: readonly { name: string; schedule: string; maxAttempts: number }[];
  timeZone: string;
  /** How often the poller looks for due jobs; 0 polls never (jobs run through `runDue` only). */
  pollMs: number;
  backoff?: JobBackoff;
  onFailure(job: ClaimedJob, error: unknown, outcome: 'retry' | 'dead'): void;
  onError(error: unknown): void;
}

/** Puts the scheduled jobs' rows in place and starts polling; `stop` ends polling and waits for the round in progress. */
export async function startJobService(
  options: JobServiceOptions,
): Promise<{ jobs: EngineJobs; stop(): Promise<void> }> {
  await options.transact((sql) => ensureSchedules(sql, options.schedules, options.timeZone));
  const runDue = (now?: Date) =>
    runDueJobs({
      transact: options.transact,
      handlers: options.handlers,
      nextRun: (schedule, from) => nextRunOf(schedule, options.timeZone, from),
      backoff: options.backoff,
      now,
      onFailure: options.onFailure,
    });
  const runner: JobRunner | undefined =
    options.pollMs > 0
      ? startJobRunner({ run: runDue, intervalMs: options.pollMs, onError: options.onError })
      : undefined;
  const read = <T>(work: (sql: Sql) => Promise<T>) => options.transact(work);
  return {
    jobs: {
      runDue,
      list: (query) => read((sql) => listJobs(sql, query)),
      counts: () => read(countJobs),
      retry: async (id) => {
        const retried = await read((sql) => retryDeadJob(sql, id));
        if (retried) runner?.wake();
        return retried;
      },
      wake: () => runner?.wake(),
    },
    stop: async () => runner?.stop(),
  };
}
