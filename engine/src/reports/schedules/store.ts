import type { Sql } from '../../data/index.ts';
import type { I18nText } from '../../metadata/types.ts';
import type { Cadence } from './cadence.ts';

export type ScheduleFormat = 'csv' | 'xlsx';

/** Who gets the file: staff of the directory (by principal id) and plain addresses. */
export interface ScheduleRecipients {
  staff: string[];
  addresses: string[];
}

export interface NewReportSchedule {
  report: string;
  parameters: Record<string, string | number | boolean>;
  format: ScheduleFormat;
  language: 'ja' | 'en';
  recipients: ScheduleRecipients;
  cadence: Cadence;
}

export interface ReportSchedule extends NewReportSchedule {
  id: string;
  ownerId: string;
  paused: boolean;
  nextRunAt: string | null;
  createdAt: string;
}

export interface ReportDelivery {
  period: string;
  status: 'sent' | 'failed';
  ranAt: string;
  rowCount: number | null;
  recipientCount: number | null;
  errorCode: string | null;
  error: I18nText | null;
}

const TIMESTAMP = (column: string) =>
  `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as ${column}`;
const COLUMNS = `id::text as id, owner_id::text as owner_id, report, parameters, format, language, recipients,
  cadence, paused, ${TIMESTAMP('next_run_at')}, ${TIMESTAMP('created_at')}`;

interface ScheduleRow {
  id: string;
  owner_id: string;
  report: string;
  parameters: unknown;
  format: ScheduleFormat;
  language: 'ja' | 'en';
  recipients: unknown;
  cadence: unknown;
  paused: boolean;
  next_run_at: string | null;
  created_at: string;
}

const json = <T>(value: unknown): T => (typeof value === 'string' ? JSON.parse(value) : value) as T;

function scheduleOf(row: ScheduleRow): ReportSchedule {
  return {
    id: row.id,
    ownerId: row.owner_id,
    report: row.report,
    parameters: json(row.parameters),
    format: row.format,
    language: row.language,
    recipients: json(row.recipients),
    cadence: json(row.cadence),
    paused: row.paused,
    nextRunAt: row.next_run_at,
    createdAt: row.created_at,
  };
}

export async function insertSchedule(sql: Sql, ownerId: string, schedule: NewReportSchedule): Promise<ReportSchedule> {
  const [row] = await sql.query<ScheduleRow>(
    `insert into kiban_report_schedule (owner_id, report, parameters, format, language, recipients, cadence)
       values (?::uuid, ?, ?::jsonb, ?, ?, ?::jsonb, ?::jsonb) returning ${COLUMNS}`,
    [
      ownerId,
      schedule.report,
      JSON.stringify(schedule.parameters),
      schedule.format,
      schedule.language,
      JSON.stringify(schedule.recipients),
      JSON.stringify(schedule.cadence),
    ],
  );
  return scheduleOf(row);
}

/** One schedule; `forUpdate` holds its row until the transaction ends (a delivery in progress). */
export async function findSchedule(sql: Sql, id: string, forUpdate = false): Promise<ReportSchedule | null> {
  const [row] = await sql.query<ScheduleRow>(
    `select ${COLUMNS} from kiban_report_schedule where id = ?::uuid${forUpdate ? ' for update' : ''}`,
    [id],
  );
  return row ? scheduleOf(row) : null;
}

/** The owner's schedules, or everyone's when `ownerId` is null; newest first. */
export async function listSchedules(sql: Sql, ownerId: string | null, report?: string): Promise<ReportSchedule[]> {
  const rows = await sql.query<ScheduleRow>(
    `select ${COLUMNS} from kiban_report_schedule
      where (?::uuid is null or owner_id = ?::uuid) and (?::text is null or report = ?)
      order by created_at desc, id limit 500`,
    [ownerId, ownerId, report ?? null, report ?? null],
  );
  return rows.map(scheduleOf);
}

export async function deleteSchedule(sql: Sql, id: string): Promise<boolean> {
  return (await sql.run('delete from kiban_report_schedule where id = ?::uuid', [id])) > 0;
}

export async function setPaused(sql: Sql, id: string, paused: boolean): Promise<void> {
  await sql.run('update kiban_report_schedule set paused = ? where id = ?::uuid', [paused, id]);
}

export async function setNextRun(sql: Sql, id: string, at: Date | null): Promise<void> {
  await sql.run('update kiban_report_schedule set next_run_at = ?::timestamptz where id = ?::uuid', [
    at?.toISOString() ?? null,
    id,
  ]);
}

/** The schedule's deliveries, newest first. */
export async function listDeliveries(sql: Sql, scheduleId: string, limit = 100): Promise<ReportDelivery[]> {
  const rows = await sql.query<{
    period: string;
    status: 'sent' | 'failed';
    ran_at: string;
    row_count: number | null;
    recipient_count: number | null;
    error_code: string | null;
    error: unknown;
  }>(
    `select period, status, ${TIMESTAMP('ran_at')}, row_count, recipient_count, error_code, error
       from kiban_report_delivery where schedule_id = ?::uuid order by ran_at desc, period desc limit ?`,
    [scheduleId, limit],
  );
  return rows.map((row) => ({
    period: row.period,
    status: row.status,
    ranAt: row.ran_at,
    rowCount: row.row_count === null ? null : Number(row.row_count),
    recipientCount: row.recipient_count === null ? null : Number(row.recipient_count),
    errorCode: row.error_code,
    error: row.error === null ? null : json(row.error),
  }));
}
