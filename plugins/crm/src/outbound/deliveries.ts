import type { PluginContext } from '@kiban/sdk';

/** A delivery as the dispatcher reads it. */
export interface PendingDelivery {
  id: string;
  order_key: string;
  attempts: number;
  next_attempt_at: Date | string | null;
  body: string;
}

/** What one attempt changed. */
export interface DeliveryOutcome {
  id: string;
  status: 'pending' | 'delivered' | 'dead' | 'gone';
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  nextAttemptAt: Date | null;
}

/**
 * Queues one event for one system (a second queueing of the same event is a no-op) and, in
 * the same statement, makes sure a dispatch run is coming: the first delivery queued since
 * the last run started leaves a wake-up row and answers `wake: true` (enqueue a run), later
 * ones find the row, so a burst of events costs one job rather than one each. A run deletes
 * the row before it reads the queue; a delivery committed after that wakes the next run.
 */
export async function queueDelivery(
  ctx: PluginContext,
  delivery: { systemId: string; eventId: string; eventType: string; orderKey: string; payload: unknown },
): Promise<{ id: string; wake: boolean } | undefined> {
  const { rows } = await ctx.sql.query<{ id: string | null; wake: boolean }>(
    `with queued as (
       insert into webhook_delivery (system_id, event_id, event_type, order_key, payload)
       values ($1, $2, $3, $4, $5) on conflict (system_id, event_id) do nothing returning id
     ), woken as (
       insert into dispatch_wake (system_id) select $1 where exists (select 1 from queued)
       on conflict (system_id) do nothing returning system_id
     )
     select (select id from queued) as id, exists (select 1 from woken) as wake`,
    [delivery.systemId, delivery.eventId, delivery.eventType, delivery.orderKey, JSON.stringify(delivery.payload)],
  );
  const id = rows[0]?.id;
  return id ? { id, wake: rows[0]?.wake === true } : undefined;
}

/** Called by a run before it reads the queue: deliveries queued from now on wake the next run. */
export async function clearWake(ctx: PluginContext, systemId: string): Promise<void> {
  await ctx.sql.query('delete from dispatch_wake where system_id = $1', [systemId]);
}

/** The oldest pending deliveries of a system, in queueing order: a prefix, so each key's head is in it. */
export async function pendingWindow(ctx: PluginContext, systemId: string, limit: number): Promise<PendingDelivery[]> {
  const { rows } = await ctx.sql.query<PendingDelivery>(
    `select id, order_key, attempts, next_attempt_at, payload::text as body from webhook_delivery
      where system_id = $1 and status = 'pending' order by seq limit $2`,
    [systemId, limit],
  );
  return rows;
}

/** Writes every outcome of a run in one statement. */
export async function recordOutcomes(ctx: PluginContext, outcomes: DeliveryOutcome[]): Promise<void> {
  if (outcomes.length === 0) return;
  await ctx.sql.query(
    `update webhook_delivery d
        set status = u.status, attempts = u.attempts, last_status = u.last_status, last_error = u.last_error,
            delivered_at = u.delivered_at, next_attempt_at = u.next_attempt_at
       from unnest($1::uuid[], $2::text[], $3::int[], $4::int[], $5::text[], $6::timestamptz[], $7::timestamptz[])
         as u(id, status, attempts, last_status, last_error, delivered_at, next_attempt_at)
      where d.id = u.id`,
    [
      outcomes.map((o) => o.id),
      outcomes.map((o) => o.status),
      outcomes.map((o) => o.attempts),
      outcomes.map((o) => o.lastStatus),
      outcomes.map((o) => o.lastError),
      outcomes.map((o) => o.deliveredAt?.toISOString() ?? null),
      outcomes.map((o) => o.nextAttemptAt?.toISOString() ?? null),
    ],
  );
}

export interface DeliveryLogEntry {
  id: string;
  eventId: string;
  eventType: string;
  status: string;
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  nextAttemptAt: string | null;
  deliveredAt: string | null;
  createdAt: string;
}

/** A system's delivery log, newest first, optionally one status (`dead`: the dead-letter list). Payloads stay out: they hold personal data. */
export async function deliveryLog(
  ctx: PluginContext,
  systemId: string,
  options: { status?: string; limit: number; offset: number },
): Promise<DeliveryLogEntry[]> {
  const { rows } = await ctx.sql.query<Record<string, unknown>>(
    `select id, event_id, event_type, status, attempts, last_status, last_error, next_attempt_at, delivered_at, created_at
       from webhook_delivery where system_id = $1 and ($2::text is null or status = $2)
      order by created_at desc, seq desc limit $3 offset $4`,
    [systemId, options.status ?? null, options.limit, options.offset],
  );
  return rows.map((row) => ({
    id: String(row.id),
    eventId: String(row.event_id),
    eventType: String(row.event_type),
    status: String(row.status),
    attempts: Number(row.attempts),
    lastStatus: row.last_status === null ? null : Number(row.last_status),
    lastError: row.last_error === null ? null : String(row.last_error),
    nextAttemptAt: isoOrNull(row.next_attempt_at),
    deliveredAt: isoOrNull(row.delivered_at),
    createdAt: isoOrNull(row.created_at) ?? '',
  }));
}

function isoOrNull(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  return new Date(value as string).toISOString();
}
