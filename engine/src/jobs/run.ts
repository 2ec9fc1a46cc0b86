import { randomUUID } from 'node:crypto';
import type { Sql } from '../data/index.ts';
import type { Transact } from '../events/index.ts';
import { type ClaimedJob, claimDueJobs, DEFAULT_JOB_BACKOFF, failJob, finishJobs, type JobBackoff } from './queue.ts';

/** A job's work, in the transaction that also marks it done. */
export type JobHandler = (job: ClaimedJob, sql: Sql) => Promise<void>;

export interface RunJobsOptions {
  transact: Transact;
  /** Handlers by job name (`<plugin>.<job>`); only these jobs are taken. */
  handlers: ReadonlyMap<string, JobHandler>;
  /** When a scheduled job runs next after a run at `from`. */
  nextRun(schedule: string, from: Date): Date;
  /** Jobs taken per round; one transaction applies them together while none fails. */
  batchSize?: number;
  /** How long a taken job is this process's before another may take it. */
  leaseMs?: number;
  backoff?: JobBackoff;
  /** Jobs due at this time; the database's clock when absent. */
  now?: Date;
  onFailure?(job: ClaimedJob, error: unknown, outcome: 'retry' | 'dead'): void;
}

export interface JobRunSummary {
  done: number;
  retried: number;
  dead: number;
}

/** Runs due jobs round after round until none is due; each job is applied once with its completion. */
export async function runDueJobs(options: RunJobsOptions): Promise<JobRunSummary> {
  const summary: JobRunSummary = { done: 0, retried: 0, dead: 0 };
  const names = [...options.handlers.keys()];
  if (names.length === 0) return summary;
  for (;;) {
    const claimed = await options.transact((sql) =>
      claimDueJobs(sql, {
        names,
        limit: options.batchSize ?? 100,
        leaseMs: options.leaseMs ?? 5 * 60_000,
        token: randomUUID(),
        now: options.now,
      }),
    );
    if (claimed.length === 0) return summary;
    await applyRound(options, claimed, summary);
  }
}

/** The batch in one transaction; when it fails, each job in its own, so that one failing job holds back none. */
async function applyRound(options: RunJobsOptions, jobs: ClaimedJob[], summary: JobRunSummary): Promise<void> {
  try {
    summary.done += await applyTogether(options, jobs);
    return;
  } catch (error) {
    if (jobs.length === 1) return recordFailure(options, jobs[0], error, summary);
  }
  for (const job of jobs) {
    try {
      summary.done += await applyTogether(options, [job]);
    } catch (error) {
      await recordFailure(options, job, error, summary);
    }
  }
}

function applyTogether(options: RunJobsOptions, jobs: ClaimedJob[]): Promise<number> {
  return options.transact(async (sql) => {
    const held = await finishJobs(sql, jobs, nextRunFrom(options));
    for (const job of jobs) {
      if (!held.has(job.id)) continue;
      const handler = options.handlers.get(job.name);
      if (!handler) throw new Error(`No handler for the job ${job.name}.`);
      await handler(job, sql);
    }
    return held.size;
  });
}

async function recordFailure(
  options: RunJobsOptions,
  job: ClaimedJob,
  error: unknown,
  summary: JobRunSummary,
): Promise<void> {
  const message = error instanceof Error ? error.message : String(error);
  const outcome = await options.transact((sql) =>
    failJob(sql, job, message.slice(0, 2000), options.backoff ?? DEFAULT_JOB_BACKOFF, nextRunFrom(options)),
  );
  if (outcome === 'dead') summary.dead += 1;
  else summary.retried += 1;
  options.onFailure?.(job, error, outcome);
}

/** A schedule moves on from the time the round ran at, so that a round run for a later `now` does not fire twice. */
function nextRunFrom(options: RunJobsOptions): (schedule: string) => Date {
  const from = options.now ?? new Date();
  return (schedule) => options.nextRun(schedule, from);
}
