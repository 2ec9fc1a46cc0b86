import { perResidentLimitReached, stockExhausted, unknownDefinition } from '../coupons/errors.ts';
import type { Sql } from '../storage/sql.ts';
import { toNumber } from '../storage/sql.ts';

export type ReleaseReason = 'cancelled' | 'failed' | 'expired';

/**
 * Holds one voucher of `definitionId` for the order while its resident pays: the resident's
 * counter and then the stock counter are raised only while issued + reserved stay under
 * their limits, in the statements that lock those rows (the same order `issueOne` takes), so
 * however many checkouts run at once, no more are held than there is stock. Call in the
 * transaction that creates the order: a refusal leaves no order behind.
 */
export async function reserveVoucher(
  sql: Sql,
  reservation: { orderId: string; definitionId: string; residentId: string; expiresAt: Date },
): Promise<void> {
  const limits = await sql.query<{ per_resident_limit: number }>(
    'select per_resident_limit from coupon_definition where id = $1',
    [reservation.definitionId],
  );
  const limit = limits.rows[0]?.per_resident_limit;
  if (limit === undefined) throw unknownDefinition();
  const holding = await sql.query(
    `insert into coupon_holding (definition_id, resident_id, held, reserved) values ($1, $2, 0, 1)
     on conflict (definition_id, resident_id) do update set reserved = coupon_holding.reserved + 1
     where coupon_holding.held + coupon_holding.reserved < $3 returning reserved`,
    [reservation.definitionId, reservation.residentId, limit],
  );
  if (holding.rowCount === 0) throw perResidentLimitReached(toNumber(limit));
  const stock = await sql.query(
    `update coupon_definition set reserved = reserved + 1
     where id = $1 and issued + reserved < total_stock returning reserved`,
    [reservation.definitionId],
  );
  if (stock.rowCount === 0) throw stockExhausted(0, 1);
  await sql.query(
    'insert into voucher_reservation (order_id, definition_id, resident_id, expires_at) values ($1, $2, $3, $4)',
    [reservation.orderId, reservation.definitionId, reservation.residentId, reservation.expiresAt.toISOString()],
  );
}

/**
 * Turns the order's held reservation into an issued voucher: the unit moves from `reserved`
 * to `issued` on both counters, so a paid order never meets a sold-out stock. Answers the
 * new coupon, or null when the order holds no reservation (it was released meanwhile).
 */
export async function consumeReservation(sql: Sql, orderId: string): Promise<string | null> {
  const taken = await sql.query<{ definition_id: string; resident_id: string }>(
    `update voucher_reservation set status = 'consumed' where order_id = $1 and status = 'held'
     returning definition_id, resident_id`,
    [orderId],
  );
  const held = taken.rows[0];
  if (!held) return null;
  await sql.query(
    `update coupon_holding set held = held + 1, reserved = reserved - 1 where definition_id = $1 and resident_id = $2`,
    [held.definition_id, held.resident_id],
  );
  await sql.query('update coupon_definition set issued = issued + 1, reserved = reserved - 1 where id = $1', [
    held.definition_id,
  ]);
  const coupon = await sql.query<{ id: string }>(
    'insert into coupon (definition_id, resident_id) values ($1, $2) returning id',
    [held.definition_id, held.resident_id],
  );
  return String(coupon.rows[0]?.id);
}

/**
 * Gives back every held reservation the `due` condition selects, set-based, and closes
 * their orders that were not paid with `reason`. The counters drop by what each releases.
 * The orders are locked first, in id order, as a capture and a cancel lock them first too:
 * a sweep racing a capture then waits for it instead of deadlocking with it.
 */
async function release(sql: Sql, due: string, params: unknown[], reason: ReleaseReason): Promise<number> {
  const locked = await sql.query<{ id: string }>(
    `select o.id from payment_order o join voucher_reservation r on r.order_id = o.id
     where r.status = 'held' and ${due} order by o.id for update of o`,
    params,
  );
  if (locked.rowCount === 0) return 0;
  const result = await sql.query<{ released: string }>(
    `with released as (
       update voucher_reservation set status = 'released', released_because = $2
       where status = 'held' and order_id = any($1::uuid[])
       returning order_id, definition_id, resident_id
     ),
     holdings as (
       update coupon_holding h set reserved = h.reserved - r.count
       from (select definition_id, resident_id, count(*)::integer as count from released group by 1, 2) r
       where h.definition_id = r.definition_id and h.resident_id = r.resident_id
     ),
     stock as (
       update coupon_definition d set reserved = d.reserved - r.count
       from (select definition_id, count(*)::integer as count from released group by 1) r
       where d.id = r.definition_id
     ),
     orders as (
       update payment_order set status = $2
       where id in (select order_id from released) and status in ('created', 'pending')
     )
     select count(*) as released from released`,
    [locked.rows.map((row) => row.id), reason],
  );
  return toNumber(result.rows[0]?.released);
}

/** A cancelled or failed payment gives its voucher back at once. */
export async function releaseReservation(sql: Sql, orderId: string, reason: ReleaseReason): Promise<boolean> {
  return (await release(sql, 'r.order_id = $1', [orderId], reason)) > 0;
}

/** The job's sweep: every reservation whose checkout ran out of time. */
export async function releaseExpiredReservations(sql: Sql, now: Date): Promise<number> {
  return release(sql, 'r.expires_at <= $1', [now.toISOString()], 'expired');
}
