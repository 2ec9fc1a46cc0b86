import { Cron } from 'croner';
import type { Sql } from '../data/index.ts';

const UNIT_MS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * A job's schedule as stored: `every:<interval>` or `cron:<expression>`. Cron expressions are
 * read in `timeZone` (the city's), so that `0 9 * * *` means nine in the morning there.
 */
export function scheduleOf(job: { every?: string; cron?: string }): string | null {
  if (job.every !== undefined) return `every:${job.every}`;
  if (job.cron !== undefined) return `cron:${job.cron}`;
  return null;
}

/** The first run of `schedule` after `from`; throws on an expression croner cannot read. */
export function nextRunOf(schedule: string, timeZone: string, from: Date = new Date()): Date {
  const [kind, spec] = [schedule.slice(0, schedule.indexOf(':')), schedule.slice(schedule.indexOf(':') + 1)];
  if (kind === 'every') {
    const match = /^([1-9][0-9]*)([smhd])$/.exec(spec);
    if (!match) throw new Error(`"${spec}" is not an interval such as 30s, 5m, 2h or 1d.`);
    return new Date(from.getTime() + Number(match[1]) * UNIT_MS[match[2]]);
  }
  const next = new Cron(spec, { timezone: timeZone, paused: true }).nextRun(from);
  if (!next) throw new Error(`The cron expression "${spec}" never runs again.`);
  return next;
}

/**
 * Makes sure each scheduled job has its row, due at its next run. Every engine process does
 * this at start; the unique index leaves one row per job, and a changed schedule moves it.
 */
export async function ensureSchedules(
  sql: Sql,
  jobs: readonly { name: string; schedule: string; maxAttempts: number }[],
  timeZone: string,
): Promise<void> {
  if (jobs.length === 0) return;
  await sql.run(
    `insert into kiban_job (name, schedule, run_at, max_attempts)
       select x.name, x.schedule, x.run_at, x.max_attempts
         from jsonb_to_recordset(?::jsonb) as x(name text, schedule text, run_at timestamptz, max_attempts integer)
       on conflict (name) where schedule is not null do update
         set schedule = excluded.schedule, run_at = excluded.run_at, max_attempts = excluded.max_attempts
       where kiban_job.schedule <> excluded.schedule`,
    [
      JSON.stringify(
        jobs.map((job) => ({
          name: job.name,
          schedule: job.schedule,
          run_at: nextRunOf(job.schedule, timeZone).toISOString(),
          max_attempts: job.maxAttempts,
        })),
      ),
    ],
  );
}
