import type { Sql } from '../data/index.ts';

export type JobStatus = 'pending' | 'running' | 'done' | 'dead';

/** A stored job as administrators see it. */
export interface JobView {
  id: string;
  name: string;
  status: JobStatus;
  schedule: string | null;
  key: string | null;
  attempts: number;
  maxAttempts: number;
  runAt: string;
  lastError: string | null;
  createdAt: string;
  finishedAt: string | null;
}

const VIEW_COLUMNS = `id::text as id, name, status, schedule, key, attempts, max_attempts,
  to_char(run_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as run_at,
  last_error,
  to_char(created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as created_at,
  to_char(finished_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as finished_at`;

interface JobRow {
  id: string;
  name: string;
  status: JobStatus;
  schedule: string | null;
  key: string | null;
  attempts: number;
  max_attempts: number;
  run_at: string;
  last_error: string | null;
  created_at: string;
  finished_at: string | null;
}

function view(row: JobRow): JobView {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    schedule: row.schedule,
    key: row.key,
    attempts: Number(row.attempts),
    maxAttempts: Number(row.max_attempts),
    runAt: row.run_at,
    lastError: row.last_error,
    createdAt: row.created_at,
    finishedAt: row.finished_at,
  };
}

/** Jobs of one status (or all), newest first; payloads stay out, they may hold personal data. */
export async function listJobs(sql: Sql, options: { status?: JobStatus; limit?: number } = {}): Promise<JobView[]> {
  const rows = await sql.query<JobRow>(
    `select ${VIEW_COLUMNS} from kiban_job where (?::text is null or status = ?)
      order by created_at desc, id limit ?`,
    [options.status ?? null, options.status ?? null, options.limit ?? 100],
  );
  return rows.map(view);
}

/** How many jobs are in each status. */
export async function countJobs(sql: Sql): Promise<Record<JobStatus, number>> {
  const rows = await sql.query<{ status: JobStatus; n: string }>(
    'select status, count(*)::text as n from kiban_job group by status',
  );
  const counts: Record<JobStatus, number> = { pending: 0, running: 0, done: 0, dead: 0 };
  for (const row of rows) counts[row.status] = Number(row.n);
  return counts;
}

/** Puts a dead job back in the queue with fresh attempts; null when no dead job has that id. */
export async function retryDeadJob(sql: Sql, id: string): Promise<JobView | null> {
  const [row] = await sql.query<JobRow>(
    `update kiban_job set status = 'pending', attempts = 0, run_at = clock_timestamp(), finished_at = null
      where id = ?::uuid and status = 'dead' returning ${VIEW_COLUMNS}`,
    [id],
  );
  return row ? view(row) : null;
}
