import { recordAudit } from '../access/index.ts';
import type { Sql } from '../data/index.ts';
import type { JobHandler } from './run.ts';

/** The engine's own scheduled job that removes bookkeeping nobody needs any more. */
export const RETENTION_JOB = 'kiban.retention';
/** Rows removed per table per run, so that one run stays a short transaction; the next run goes on. */
const BATCH = 20_000;

/**
 * Published outbox rows, event receipts, fired workflow timers and finished jobs older than
 * `days`. A receipt must outlive every redelivery of its event (NATS redelivers within
 * minutes), so `days` is at least 1. Dead jobs stay until an administrator retries them, and
 * the audit trail is never touched: the run itself is audited with what it removed.
 */
export async function purgeBookkeeping(sql: Sql, days: number): Promise<Record<string, number>> {
  const cutoff = new Date(Date.now() - days * 86_400_000).toISOString();
  const removed: Record<string, number> = {
    outbox: await sql.run(
      `delete from kiban_outbox where seq in (select seq from kiban_outbox
        where published_at < ?::timestamptz order by seq limit ?)`,
      [cutoff, BATCH],
    ),
    receipts: await sql.run(
      `delete from kiban_event_receipt where (consumer, event_id) in (select consumer, event_id from kiban_event_receipt
        where handled_at < ?::timestamptz limit ?)`,
      [cutoff, BATCH],
    ),
    timers: await sql.run(
      `delete from kiban_workflow_timer where id in (select id from kiban_workflow_timer
        where done_at < ?::timestamptz limit ?)`,
      [cutoff, BATCH],
    ),
    jobs: await sql.run(
      `delete from kiban_job where id in (select id from kiban_job
        where status = 'done' and finished_at < ?::timestamptz limit ?)`,
      [cutoff, BATCH],
    ),
  };
  if (Object.values(removed).some((n) => n > 0)) {
    await recordAudit(sql, { principal: null, action: 'retention.purge', detail: { olderThanDays: days, removed } });
  }
  return removed;
}

/** The retention job, hourly: handler and schedule for the job service. */
export function retentionJob(days: number): {
  handlers: Map<string, JobHandler>;
  schedules: { name: string; schedule: string; maxAttempts: number }[];
} {
  return {
    handlers: new Map([[RETENTION_JOB, async (_job, sql) => void (await purgeBookkeeping(sql, days))]]),
    schedules: [{ name: RETENTION_JOB, schedule: 'every:1h', maxAttempts: 3 }],
  };
}
