import type { Sql } from '../data/index.ts';
import { jsonbInputLiteral } from '../data/sql-literals.ts';

/** An event as it travels: who or what changed, never field values. */
export interface BusEvent<T = unknown> {
  /** Unique event id; NATS de-duplicates on it and consumers record it as their receipt. */
  id: string;
  /** `record.created|updated|deleted` or `<plugin>.<name>`. */
  type: string;
  payload: T;
  /** When the event was written to the outbox (UTC ISO). */
  createdAt: string;
}

/** An event to append; its id and time are given by the outbox. */
export interface NewEvent {
  type: string;
  payload: unknown;
}

/** Runs `work` in one transaction: it commits when `work` resolves and rolls back when it throws. */
export type Transact = <T>(work: (sql: Sql) => Promise<T>) => Promise<T>;

/**
 * The outbox and the consumers' receipts. `seq` orders delivery; `id` is the event's
 * identity outside this database. The partial index keeps the relay's scan to what is left.
 * `attempts` and `retry_at` back off an event a subscriber failed (embedded bus), so that it
 * neither keeps the relay busy nor holds back the events behind it.
 */
export async function ensureEventTables(sql: Sql): Promise<void> {
  await sql.run(`create table if not exists kiban_outbox (
    seq bigint generated always as identity primary key,
    id uuid not null unique default gen_random_uuid(),
    type text not null,
    payload jsonb not null,
    created_at timestamptz(3) not null default clock_timestamp(),
    published_at timestamptz(3),
    attempts integer not null default 0,
    retry_at timestamptz(3)
  )`);
  await sql.run('create index if not exists kiban_outbox_unpublished on kiban_outbox (seq) where published_at is null');
  await sql.run(`create table if not exists kiban_event_receipt (
    consumer text not null,
    event_id uuid not null,
    handled_at timestamptz(3) not null default clock_timestamp(),
    primary key (consumer, event_id)
  )`);
  // For the retention job, which removes receipts by age.
  await sql.run('create index if not exists kiban_event_receipt_handled on kiban_event_receipt (handled_at)');
}

/**
 * The insert of events, their values inlined as one JSON recordset (no bind parameters, so a
 * write's other statements can carry it, see `withAppends`).
 */
export function insertEventsStatement(events: readonly NewEvent[]): string {
  const rows = events.map(({ type, payload }) => ({ type, payload: payload ?? null }));
  return `insert into kiban_outbox (type, payload)
       select e.type, e.payload from jsonb_to_recordset(${jsonbInputLiteral(rows)}) as e(type text, payload jsonb)`;
}

/**
 * Appends events in the caller's transaction, so they exist exactly when the write that
 * produced them commits.
 */
export async function appendEvents(sql: Sql, events: readonly NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  await sql.run(insertEventsStatement(events));
}

interface OutboxRow {
  seq: string;
  id: string;
  type: string;
  payload: unknown;
  created_ms: number;
}

/**
 * Locks the oldest unpublished events that are due (not waiting for a retry). `skip locked`
 * lets a second relay (another engine node) take the next rows instead of waiting for, and
 * then re-publishing, these.
 */
export async function lockUnpublished(sql: Sql, limit: number): Promise<{ seqs: string[]; events: BusEvent[] }> {
  const rows = await sql.query<OutboxRow>(
    `select seq::text as seq, id::text as id, type, payload,
            (extract(epoch from created_at) * 1000)::float8 as created_ms
       from kiban_outbox where published_at is null and (retry_at is null or retry_at <= clock_timestamp())
      order by seq limit ? for update skip locked`,
    [limit],
  );
  return {
    seqs: rows.map((row) => row.seq),
    events: rows.map((row) => ({
      id: row.id,
      type: row.type,
      payload: typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload,
      createdAt: new Date(Number(row.created_ms)).toISOString(),
    })),
  };
}

export async function markPublished(sql: Sql, seqs: readonly string[]): Promise<void> {
  if (seqs.length === 0) return;
  await sql.run('update kiban_outbox set published_at = clock_timestamp() where seq = any(array[?]::bigint[])', [seqs]);
}

/** How long to wait before handing a failed event on again: doubling from `baseMs` up to `maxMs`. */
export interface Backoff {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: Backoff = { baseMs: 1000, maxMs: 10 * 60 * 1000 };

/** Counts a failed attempt and sets when the events are due again. */
export async function scheduleRetry(sql: Sql, seqs: readonly string[], backoff: Backoff): Promise<void> {
  if (seqs.length === 0) return;
  await sql.run(
    `update kiban_outbox set attempts = attempts + 1,
            retry_at = clock_timestamp() + least(? * power(2, least(attempts, 30)), ?) * interval '1 millisecond'
      where seq = any(array[?]::bigint[])`,
    [backoff.baseMs, backoff.maxMs, seqs],
  );
}

/** How many events are still waiting for the relay. */
export async function countUnpublished(sql: Sql): Promise<number> {
  const [row] = await sql.query<{ n: string }>(
    'select count(*)::text as n from kiban_outbox where published_at is null',
  );
  return Number(row.n);
}
