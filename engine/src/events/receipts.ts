import type { Sql } from '../data/index.ts';
import type { BusEvent, Transact } from './outbox.ts';

/** A subscriber's work for one event, in the transaction that also records its receipt. */
export type EventHandler = (event: BusEvent, sql: Sql) => Promise<void>;

/** Where delivery errors go: a subscriber's handler that failed on an event, or the bus itself (no `failed`). */
export type ReportEventError = (error: unknown, failed?: { subscriber: string; event: BusEvent }) => void;

/**
 * Applies each event of a batch for `consumer` at most once however often it is delivered:
 * the receipts and the handler's effects commit together, and a receipt already there means
 * an earlier delivery was applied. One transaction per batch keeps a busy consumer fast.
 * When the handler fails the whole batch rolls back (receipts included) and throws.
 * Returns how many events the handler ran for.
 */
export function applyBatchOnce(
  transact: Transact,
  consumer: string,
  events: readonly BusEvent[],
  handler: EventHandler,
): Promise<number> {
  if (events.length === 0) return Promise.resolve(0);
  return transact(async (sql) => {
    const claimed = await sql.query<{ event_id: string }>(
      `insert into kiban_event_receipt (consumer, event_id)
         select ?, unnest(array[?]::uuid[]) on conflict do nothing returning event_id::text as event_id`,
      [consumer, events.map((event) => event.id)],
    );
    const fresh = new Set(claimed.map((row) => row.event_id));
    const applied = fresh.size;
    // A redelivery can put one event twice into a batch; `delete` lets only the first through.
    for (const event of events) if (fresh.delete(event.id)) await handler(event, sql);
    return applied;
  });
}

/**
 * Applies a batch, and when that fails applies its events one by one, so that one failing
 * event does not hold back the others. Returns the events that failed, with their errors.
 */
export async function applyEachOnce(
  transact: Transact,
  consumer: string,
  events: readonly BusEvent[],
  handler: EventHandler,
): Promise<Map<BusEvent, unknown>> {
  const failed = new Map<BusEvent, unknown>();
  try {
    await applyBatchOnce(transact, consumer, events, handler);
    return failed;
  } catch (error) {
    if (events.length === 1) return failed.set(events[0], error);
  }
  for (const event of events) {
    try {
      await applyBatchOnce(transact, consumer, [event], handler);
    } catch (error) {
      failed.set(event, error);
    }
  }
  return failed;
}
