import type { Sql } from '../../data/index.ts';

/**
 * Scheduled reports and their deliveries. A schedule belongs to the staff member who made it
 * and runs with their authority; `next_run_at` is what the pending delivery job waits for.
 * The unique (schedule, period) is the idempotency key: one delivery per period, whatever
 * retries or engine processes do.
 */
export async function ensureReportScheduleTables(sql: Sql): Promise<void> {
  await sql.run(`create table if not exists kiban_report_schedule (
    id uuid primary key default gen_random_uuid(),
    owner_id uuid not null references kiban_principal (id) on delete cascade,
    report text not null,
    parameters jsonb not null default '{}',
    format text not null check (format in ('csv', 'xlsx')),
    language text not null check (language in ('ja', 'en')),
    recipients jsonb not null,
    cadence jsonb not null,
    paused boolean not null default false,
    next_run_at timestamptz(3),
    created_at timestamptz(3) not null default clock_timestamp()
  )`);
  await sql.run('create index if not exists kiban_report_schedule_owner on kiban_report_schedule (owner_id)');
  await sql.run(`create table if not exists kiban_report_delivery (
    id uuid primary key default gen_random_uuid(),
    schedule_id uuid not null references kiban_report_schedule (id) on delete cascade,
    period text not null,
    status text not null check (status in ('sent', 'failed')),
    ran_at timestamptz(3) not null default clock_timestamp(),
    row_count integer,
    recipient_count integer,
    error_code text,
    error jsonb,
    unique (schedule_id, period)
  )`);
}
