import { recordAudit } from '../../access/index.ts';
import { type PrincipalRow, principalColumns, principalFromRow } from '../../access/principal-row.ts';
import type { Sql } from '../../data/index.ts';
import { KibanError } from '../../errors.ts';
import type { ClaimedJob, JobHandler } from '../../jobs/index.ts';
import { isPermanentMailError, type Mailer } from '../../mail/index.ts';
import type { EntityMetadata, I18nText, ReportMetadata } from '../../metadata/types.ts';
import { currentTransaction } from '../../plugins/transaction-context.ts';
import type { RecordScope } from '../../records/index.ts';
import { authorization } from '../../records/scope.ts';
import { toCsv, toXlsx } from '../export-files.ts';
import { exportTable } from '../export-table.ts';
import { bindReportParameters } from '../parameters.ts';
import { runReport } from '../run.ts';
import { withSavedConditions } from '../saved-conditions.ts';
import { type DeliveryPayload, planNextDelivery } from './plan.ts';
import { resolveRecipients } from './recipients.ts';
import { findSchedule, type ReportSchedule } from './store.ts';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A delivery that cannot succeed by trying again: recorded as failed with its reason. */
class DeliveryRefused extends Error {
  readonly code: string;
  readonly reason: I18nText;
  /** The owner's authority no longer covers the report: the refusal is audited. */
  readonly denied: boolean;

  constructor(code: string, reason: I18nText, denied = false) {
    super(reason.en ?? reason.ja);
    this.code = code;
    this.reason = reason;
    this.denied = denied;
  }
}

/**
 * The delivery job: runs the schedule's report as its owner (their row and field policies),
 * writes the file with its conditions, mails it and records the outcome, then plans the next
 * period. The delivery row is written first in the job's transaction: its unique
 * (schedule, period) makes a second run of the period — another process, a retried job —
 * find it and send nothing. A failure worth another try (the SMTP server unreachable) rolls
 * the job back to be retried; on its last attempt, and for every refusal, the period is
 * recorded as failed and the schedule goes on.
 */
export function reportDeliveryHandler(options: { mailer: Mailer | null; timeZone: string }): JobHandler {
  return async (job, sql) => {
    const payload = job.payload as DeliveryPayload;
    const schedule = await findSchedule(sql, payload.scheduleId, true);
    if (!schedule || schedule.paused) return;
    const claimed = await sql.query(
      `insert into kiban_report_delivery (schedule_id, period, status) values (?::uuid, ?, 'sent')
        on conflict (schedule_id, period) do nothing returning id`,
      [schedule.id, payload.period],
    );
    if (claimed.length > 0) await deliverPeriod(sql, job, schedule, payload, options.mailer);
    const from = new Date(Math.max(new Date(payload.at).getTime(), Date.now()));
    await planNextDelivery(sql, schedule, options.timeZone, from);
  };
}

async function deliverPeriod(
  sql: Sql,
  job: ClaimedJob,
  schedule: ReportSchedule,
  payload: DeliveryPayload,
  mailer: Mailer | null,
): Promise<void> {
  try {
    const sent = await sendReport(sql, schedule, payload, mailer);
    await sql.run(
      `update kiban_report_delivery set status = 'sent', row_count = ?, recipient_count = ?, ran_at = clock_timestamp()
        where schedule_id = ?::uuid and period = ?`,
      [sent.rows, sent.recipients, schedule.id, payload.period],
    );
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal && job.attempt < job.maxAttempts) throw error;
    const recorded = refusal ?? unreachable(error);
    await sql.run(
      `update kiban_report_delivery set status = 'failed', error_code = ?, error = ?::jsonb, ran_at = clock_timestamp()
        where schedule_id = ?::uuid and period = ?`,
      [recorded.code, JSON.stringify(recorded.reason), schedule.id, payload.period],
    );
    if (recorded.denied) {
      await recordAudit(sql, {
        principal: { id: schedule.ownerId, kind: 'staff' },
        action: 'report.schedule.denied',
        detail: { schedule: schedule.id, report: schedule.report, period: payload.period, reason: recorded.code },
      });
    }
  }
}

async function sendReport(sql: Sql, schedule: ReportSchedule, payload: DeliveryPayload, mailer: Mailer | null) {
  const transaction = currentTransaction();
  if (!transaction) throw new Error('A report delivery runs inside its job transaction.');
  const owner = await activeOwner(sql, schedule.ownerId);
  const scope: RecordScope = { live: transaction.live, principal: owner, em: transaction.em };
  const report = scope.live.item('report', schedule.report) as ReportMetadata | undefined;
  if (!report) {
    throw new DeliveryRefused('report.notFound', {
      ja: `レポート「${schedule.report}」は公開されていません。`,
      en: `The report "${schedule.report}" is not published.`,
    });
  }
  const entity = scope.live.entities.get(report.entity) as EntityMetadata | undefined;
  if (!entity || !authorization(scope, entity, 'read').allowed) throw noLongerAllowed(report);
  if (!mailer) {
    throw new DeliveryRefused('mail.notConfigured', {
      ja: 'メールの送信サーバーが設定されていないため、送信していません（KIBAN_SMTP_URL）。',
      en: 'Mail is not configured (KIBAN_SMTP_URL), so nothing was sent.',
    });
  }
  const result = await runReport(scope, report, schedule.parameters).catch((error: unknown) => {
    if (error instanceof KibanError && error.status === 403) throw noLongerAllowed(report);
    throw error;
  });
  const to = await resolveRecipients(sql, schedule.recipients);
  if (to.length === 0) {
    throw new DeliveryRefused('reportSchedule.noRecipients', {
      ja: '送信できる宛先が残っていません。',
      en: 'No recipient can be reached any more.',
    });
  }
  const { condition } = bindReportParameters(withSavedConditions(report, scope.live.items), schedule.parameters);
  const table = exportTable(result, report, condition, entity, scope.live.entities, schedule.language);
  const attachment =
    schedule.format === 'csv'
      ? {
          filename: `${report.name}-${payload.period}.csv`,
          contentType: 'text/csv; charset=utf-8',
          content: toCsv(table),
        }
      : { filename: `${report.name}-${payload.period}.xlsx`, contentType: XLSX_TYPE, content: await toXlsx(table) };
  const rows = schedule.language === 'en' ? `Rows: ${table.rows.length}` : `行数: ${table.rows.length}`;
  const body = [...table.conditions.map(([name, value]) => `${name}: ${value}`), '', rows].join('\n');
  await mailer
    .send({
      to,
      subject: `${table.title} (${payload.period})`,
      text: body,
      attachments: [attachment],
      idempotencyKey: `report-${schedule.id}-${payload.period}`,
    })
    .catch((error: unknown) => {
      if (!isPermanentMailError(error)) throw error;
      throw new DeliveryRefused('mail.refused', {
        ja: `メールサーバーが受け付けませんでした: ${(error as Error).message}`.slice(0, 500),
        en: `The mail server refused the message: ${(error as Error).message}`.slice(0, 500),
      });
    });
  await recordAudit(sql, {
    principal: owner,
    action: 'report.schedule.sent',
    entity: report.entity,
    detail: { schedule: schedule.id, report: report.name, period: payload.period, recipients: to.length },
  });
  return { rows: table.rows.length, recipients: to.length };
}

async function activeOwner(sql: Sql, id: string) {
  const [row] = await sql.query<PrincipalRow & { disabled: boolean }>(
    `select ${principalColumns('p')}, p.disabled from kiban_principal p where p.id = ?::uuid`,
    [id],
  );
  if (!row || row.disabled) {
    throw new DeliveryRefused(
      'reportSchedule.ownerInactive',
      {
        ja: '予約した職員のアカウントが無効です。',
        en: 'The account of the staff member who scheduled it is disabled.',
      },
      true,
    );
  }
  return principalFromRow(row);
}

function noLongerAllowed(report: ReportMetadata): DeliveryRefused {
  return new DeliveryRefused(
    'reportSchedule.ownerDenied',
    {
      ja: `予約した職員はレポート「${report.label.ja}」をもう参照できないため、送信していません。`,
      en: `The staff member who scheduled it may no longer read the report "${report.label.en ?? report.name}"; nothing was sent.`,
    },
    true,
  );
}

function refusalOf(error: unknown): DeliveryRefused | null {
  if (error instanceof DeliveryRefused) return error;
  if (error instanceof KibanError) return new DeliveryRefused(error.code, error.localized);
  return null;
}

function unreachable(error: unknown): DeliveryRefused {
  const message = (error instanceof Error ? error.message : String(error)).slice(0, 500);
  return new DeliveryRefused('mail.unreachable', {
    ja: `メールを送信できませんでした: ${message}`,
    en: `The mail could not be sent: ${message}`,
  });
}
