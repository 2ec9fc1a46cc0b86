import type { Sql } from '../data/index.ts';

export interface NewJob {
  /** `<plugin>.<job>`. */
  name: string;
  payload?: unknown;
  at?: Date;
  key?: string;
  maxAttempts?: number;
}

/** Stores a job in the caller's transaction; false when a job of that name already holds `key`. */
export async function enqueueJob(sql: Sql, job: NewJob): Promise<boolean> {
  const rows = await sql.query<{ id: string }>(
    `insert into kiban_job (name, payload, key, run_at, max_attempts)
       values (?, ?::jsonb, ?, coalesce(?::timestamptz, clock_timestamp()), ?)
       on conflict (name, key) where key is not null do nothing returning id::text as id`,
    [
      job.name,
      JSON.stringify(job.payload ?? null),
      job.key ?? null,
      job.at?.toISOString() ?? null,
      job.maxAttempts ?? 5,
    ],
  );
  return rows.length > 0;
}

/** A job a runner holds: it alone may finish it while `token` is the row's lease token. */
export interface ClaimedJob {
  id: string;
  name: string;
  payload: unknown;
  /** 1 on the first run. */
  attempt: number;
  maxAttempts: number;
  schedule: string | null;
  token: string;
}

/**
 * Takes up to `limit` due jobs among `names` for `leaseMs`: `skip locked` lets several engine
 * processes share the queue without two taking one job, and a job whose lease ran out (its
 * process died) is due again.
 */
export async function claimDueJobs(
  sql: Sql,
  options: { names: readonly string[]; limit: number; leaseMs: number; token: string; now?: Date },
): Promise<ClaimedJob[]> {
  const rows = await sql.query<{
    id: string;
    name: string;
    payload: unknown;
    attempts: number;
    max_attempts: number;
    schedule: string | null;
  }>(
    `update kiban_job set status = 'running', attempts = attempts + 1, lease_token = ?::uuid,
            run_at = clock_timestamp() + ? * interval '1 millisecond'
      where id in (select id from kiban_job
                    where status in ('pending', 'running') and run_at <= coalesce(?::timestamptz, clock_timestamp())
                      and name = any(array[?]::text[])
                    order by run_at limit ? for update skip locked)
      returning id::text as id, name, payload, attempts, max_attempts, schedule`,
    [options.token, options.leaseMs, options.now?.toISOString() ?? null, options.names, options.limit],
  );
  return rows.map((row) => ({
    id: row.id,
    name: row.name,
    payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
    attempt: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    schedule: row.schedule,
    token: options.token,
  }));
}

/**
 * Marks held jobs done in the caller's transaction, which also holds their handlers' effects,
 * and returns the ids still held: a job whose lease another runner took over is left to it.
 * A scheduled job instead waits for `nextRun` of its schedule.
 */
export async function finishJobs(
  sql: Sql,
  jobs: readonly ClaimedJob[],
  nextRun: (schedule: string) => Date,
): Promise<Set<string>> {
  if (jobs.length === 0) return new Set();
  const rows = await sql.query<{ id: string }>(
    `update kiban_job j set status = case when x.next_at is null then 'done' else 'pending' end,
            finished_at = case when x.next_at is null then clock_timestamp() end,
            run_at = coalesce(x.next_at, j.run_at), attempts = 0, lease_token = null, last_error = null
       from jsonb_to_recordset(?::jsonb) as x(id uuid, token uuid, next_at timestamptz)
      where j.id = x.id and j.lease_token = x.token and j.status = 'running'
      returning j.id::text as id`,
    [
      JSON.stringify(
        jobs.map((job) => ({
          id: job.id,
          token: job.token,
          next_at: job.schedule === null ? null : nextRun(job.schedule).toISOString(),
        })),
      ),
    ],
  );
  return new Set(rows.map((row) => row.id));
}

/** How long to wait before trying a failed job again: doubling from `baseMs` up to `maxMs`. */
export interface JobBackoff {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_JOB_BACKOFF: JobBackoff = { baseMs: 1000, maxMs: 10 * 60 * 1000 };

/**
 * Records a failed run. Below its attempts the job waits for its back-off; at the last one an
 * enqueued job becomes dead, and a scheduled one leaves a dead copy behind and moves on to its
 * next occurrence, so that one bad run does not end the schedule.
 */
export async function failJob(
  sql: Sql,
  job: ClaimedJob,
  error: string,
  backoff: JobBackoff,
  nextRun: (schedule: string) => Date,
): Promise<'retry' | 'dead'> {
  const dead = job.attempt >= job.maxAttempts;
  if (!dead) {
    await sql.run(
      `update kiban_job set status = 'pending', lease_token = null, last_error = ?,
              run_at = clock_timestamp() + least(? * power(2, least(attempts - 1, 30)), ?) * interval '1 millisecond'
        where id = ?::uuid and lease_token = ?::uuid`,
      [error, backoff.baseMs, backoff.maxMs, job.id, job.token],
    );
    return 'retry';
  }
  if (job.schedule === null) {
    await sql.run(
      `update kiban_job set status = 'dead', lease_token = null, last_error = ?, finished_at = clock_timestamp()
        where id = ?::uuid and lease_token = ?::uuid`,
      [error, job.id, job.token],
    );
    return 'dead';
  }
  await sql.run(
    `insert into kiban_job (name, payload, status, attempts, max_attempts, last_error, finished_at)
       select name, payload, 'dead', attempts, max_attempts, ?, clock_timestamp() from kiban_job
        where id = ?::uuid and lease_token = ?::uuid`,
    [error, job.id, job.token],
  );
  await sql.run(
    `update kiban_job set status = 'pending', lease_token = null, attempts = 0, last_error = ?, run_at = ?::timestamptz
      where id = ?::uuid and lease_token = ?::uuid`,
    [error, nextRun(job.schedule).toISOString(), job.id, job.token],
  );
  return 'dead';
}
