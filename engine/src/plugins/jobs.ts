import type { JobContext } from '@kiban/sdk';
import { type JobHandler, scheduleOf } from '../jobs/index.ts';
import type { PluginRuntime } from './context.ts';

/** The plugins' jobs as the job runner takes them: handlers by stored name, and the scheduled ones. */
export interface PluginJobs {
  readonly handlers: ReadonlyMap<string, JobHandler>;
  readonly schedules: readonly { name: string; schedule: string; maxAttempts: number }[];
  /** Attempts before a dead letter, by stored name. */
  readonly maxAttempts: ReadonlyMap<string, number>;
}

export const DEFAULT_MAX_ATTEMPTS = 5;

/**
 * A job handler runs with its plugin's context inside the transaction the runner opened (the
 * host's `transact` makes it a plugin transaction), so that its data calls, events and
 * enqueued jobs commit with the job's completion.
 */
export function pluginJobs(runtimes: readonly PluginRuntime[]): PluginJobs {
  const handlers = new Map<string, JobHandler>();
  const schedules: { name: string; schedule: string; maxAttempts: number }[] = [];
  const maxAttempts = new Map<string, number>();
  for (const runtime of runtimes) {
    for (const job of runtime.definition.jobs ?? []) {
      const name = `${runtime.definition.name}.${job.name}`;
      const attempts = job.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
      maxAttempts.set(name, attempts);
      handlers.set(name, async (claimed) => {
        const context: JobContext = {
          ...runtime.context,
          job: { id: claimed.id, name, attempt: claimed.attempt },
        };
        await job.handler(claimed.payload, context);
      });
      const schedule = scheduleOf(job);
      if (schedule !== null) schedules.push({ name, schedule, maxAttempts: attempts });
    }
  }
  return { handlers, schedules, maxAttempts };
}
