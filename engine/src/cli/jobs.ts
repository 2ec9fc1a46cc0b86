import { parseArgs } from 'node:util';
import { recordAudit } from '../access/index.ts';
import { type JobStatus, listJobs, retryDeadJob } from '../jobs/index.ts';
import { withEngine } from './open-engine.ts';
import { UsageError } from './output.ts';

const STATUSES = ['pending', 'running', 'done', 'dead'];
const USAGE = 'usage: kiban jobs list [--status pending|running|done|dead] [--limit N] | kiban jobs retry ID';

/** `kiban jobs list --status dead` shows the dead-letter list; `kiban jobs retry ID` queues a dead job again. */
export async function jobsCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  if (sub === 'list') return list(rest);
  if (sub === 'retry' && rest.length === 1) return retry(rest[0]);
  throw new UsageError(USAGE);
}

async function list(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { status: { type: 'string' }, limit: { type: 'string', default: '100' } },
  });
  if (values.status !== undefined && !STATUSES.includes(values.status)) throw new UsageError(USAGE);
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1 || limit > 1000)
    throw new UsageError('--limit is an integer from 1 to 1000');
  await withEngine(async (engine) => {
    const jobs = await listJobs(engine.live().sql(), { status: values.status as JobStatus | undefined, limit });
    if (jobs.length === 0) console.log('no jobs');
    for (const job of jobs) {
      const error = job.lastError === null ? '' : `  ${job.lastError}`;
      console.log(
        `${job.id}  ${job.status.padEnd(7)}  ${job.name}  attempts ${job.attempts}/${job.maxAttempts}  ${job.runAt}${error}`,
      );
    }
  });
}

async function retry(id: string): Promise<void> {
  await withEngine(async (engine) => {
    const job = await engine.live().transaction(async (_em, sql) => {
      const retried = /^[0-9a-f-]{36}$/i.test(id) ? await retryDeadJob(sql, id) : null;
      if (retried)
        await recordAudit(sql, {
          principal: null,
          action: 'job.retry',
          detail: { jobId: id, name: retried.name, via: 'cli' },
        });
      return retried;
    });
    if (!job) throw new UsageError(`no job ${id} is in the dead-letter list`);
    console.log(`${job.id} ${job.name} is queued again`);
  });
}
