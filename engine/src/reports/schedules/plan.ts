import type { Sql } from '../../data/index.ts';
import { enqueueJob } from '../../jobs/index.ts';
import { nextOccurrence, periodOf } from './cadence.ts';
import { type ReportSchedule, setNextRun } from './store.ts';

/** The engine job that delivers one period of one schedule. */
export const REPORT_DELIVERY_JOB = 'kiban.report-delivery';

export interface DeliveryPayload {
  scheduleId: string;
  period: string;
  /** When the period's delivery was due. */
  at: string;
}

/** The job key: one job per schedule and period, whichever process or retry enqueues it. */
export const deliveryKey = (scheduleId: string, period: string) => `${scheduleId}:${period}`;

/**
 * Enqueues the schedule's next delivery after `from`, in the caller's transaction, and notes
 * when it is due. A period already enqueued (a second process, a resume) is left as it is.
 */
export async function planNextDelivery(
  sql: Sql,
  schedule: Pick<ReportSchedule, 'id' | 'cadence'>,
  timeZone: string,
  from: Date,
): Promise<Date> {
  const at = nextOccurrence(schedule.cadence, timeZone, from);
  const period = periodOf(schedule.cadence, timeZone, at);
  const payload: DeliveryPayload = { scheduleId: schedule.id, period, at: at.toISOString() };
  await enqueueJob(sql, {
    name: REPORT_DELIVERY_JOB,
    payload,
    key: deliveryKey(schedule.id, period),
    at,
    maxAttempts: 3,
  });
  await setNextRun(sql, schedule.id, at);
  return at;
}

/** Takes the schedule's waiting delivery out of the queue (paused or deleted). */
export async function cancelPendingDelivery(sql: Sql, scheduleId: string): Promise<void> {
  await sql.run(`delete from kiban_job where name = ? and status = 'pending' and key like ?`, [
    REPORT_DELIVERY_JOB,
    `${scheduleId}:%`,
  ]);
  await setNextRun(sql, scheduleId, null);
}
