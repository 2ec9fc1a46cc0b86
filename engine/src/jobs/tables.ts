import type { Sql } from '../data/index.ts';

/**
 * One row per stored job run. A scheduled job keeps one row (`schedule` set) that moves on to
 * its next occurrence after each run; an enqueued one ends `done` or `dead`. While a job runs,
 * `run_at` is the end of its lease: a process that died holding it lets it become due again.
 * The partial index keeps the runner's scan to what is waiting.
 */
export async function ensureJobTables(sql: Sql): Promise<void> {
  await sql.run(`create table if not exists kiban_job (
    id uuid primary key default gen_random_uuid(),
    name text not null,
    payload jsonb not null default 'null',
    key text,
    schedule text,
    status text not null default 'pending' check (status in ('pending', 'running', 'done', 'dead')),
    run_at timestamptz(3) not null default clock_timestamp(),
    attempts integer not null default 0,
    max_attempts integer not null default 5,
    lease_token uuid,
    last_error text,
    created_at timestamptz(3) not null default clock_timestamp(),
    finished_at timestamptz(3)
  )`);
  await sql.run(
    `create index if not exists kiban_job_due on kiban_job (run_at) where status in ('pending', 'running')`,
  );
  await sql.run('create unique index if not exists kiban_job_key on kiban_job (name, key) where key is not null');
  await sql.run('create unique index if not exists kiban_job_schedule on kiban_job (name) where schedule is not null');
  await sql.run(`create index if not exists kiban_job_dead on kiban_job (finished_at) where status = 'dead'`);
  // For the retention job, which removes finished jobs by age.
  await sql.run(`create index if not exists kiban_job_done on kiban_job (finished_at) where status = 'done'`);
}
