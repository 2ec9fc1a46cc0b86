import { recordAudit } from '../../access/index.ts';
import { KibanError } from '../../errors.ts';
import type { ReportMetadata } from '../../metadata/types.ts';
import type { RecordScope } from '../../records/index.ts';
import { entityManager } from '../../records/scope.ts';
import { authorizeReport } from '../authorize-report.ts';
import { bindReportParameters } from '../parameters.ts';
import { publishedReport } from '../run.ts';
import { withSavedConditions } from '../saved-conditions.ts';
import { cancelPendingDelivery, planNextDelivery } from './plan.ts';
import { recipientProblems } from './recipients.ts';
import {
  deleteSchedule,
  findSchedule,
  insertSchedule,
  type NewReportSchedule,
  type ReportSchedule,
  setPaused,
} from './store.ts';

/**
 * Creates a schedule owned by the caller, after the checks its first delivery would run: the
 * report is published, the caller may run it (rows, fields), its parameters bind, and every
 * recipient is an active staff member with an address or an email address. The first
 * delivery is enqueued in the same transaction.
 */
export async function createReportSchedule(
  scope: RecordScope,
  input: NewReportSchedule,
  timeZone: string,
  now = new Date(),
): Promise<ReportSchedule> {
  const report: ReportMetadata = publishedReport(scope, input.report);
  const em = entityManager(scope);
  authorizeReport(scope, em, report);
  bindReportParameters(withSavedConditions(report, scope.live.items), input.parameters);
  return scope.live.transaction(async (_em, sql) => {
    const problems = await recipientProblems(sql, input.recipients);
    if (problems.length > 0) {
      throw new KibanError(
        'request.invalid',
        422,
        { ja: '送信先に誤りがあります。', en: 'The recipients have problems.' },
        problems,
      );
    }
    const created = await insertSchedule(sql, scope.principal.id, input);
    const at = await planNextDelivery(sql, created, timeZone, now);
    await recordAudit(sql, {
      principal: scope.principal,
      action: 'report.schedule.create',
      entity: report.entity,
      detail: {
        schedule: created.id,
        report: report.name,
        recipients: input.recipients.staff.length + input.recipients.addresses.length,
      },
    });
    return { ...created, nextRunAt: at.toISOString() };
  });
}

/** Pauses (the waiting delivery is withdrawn) or resumes (the next period is enqueued) a schedule. */
export async function pauseReportSchedule(
  scope: RecordScope,
  schedule: ReportSchedule,
  paused: boolean,
  timeZone: string,
): Promise<ReportSchedule> {
  return scope.live.transaction(async (_em, sql) => {
    await setPaused(sql, schedule.id, paused);
    if (paused) await cancelPendingDelivery(sql, schedule.id);
    else await planNextDelivery(sql, schedule, timeZone, new Date());
    await recordAudit(sql, {
      principal: scope.principal,
      action: paused ? 'report.schedule.pause' : 'report.schedule.resume',
      detail: { schedule: schedule.id, report: schedule.report },
    });
    return (await findSchedule(sql, schedule.id)) as ReportSchedule;
  });
}

export async function removeReportSchedule(scope: RecordScope, schedule: ReportSchedule): Promise<void> {
  await scope.live.transaction(async (_em, sql) => {
    await cancelPendingDelivery(sql, schedule.id);
    await deleteSchedule(sql, schedule.id);
    await recordAudit(sql, {
      principal: scope.principal,
      action: 'report.schedule.delete',
      detail: { schedule: schedule.id, report: schedule.report },
    });
  });
}
