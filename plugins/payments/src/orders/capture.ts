import { PluginError } from '@kiban/sdk';
import { definitionOf, issueOne } from '../coupons/issue.ts';
import type { ProviderEvent, ProviderPayment } from '../provider/port.ts';
import type { Sql } from '../storage/sql.ts';
import { consumeReservation, releaseReservation } from './reservations.ts';
import { voidUnusedVoucherOfRefundedOrder } from './void-voucher.ts';

export interface FulfilledOrder {
  orderId: string;
  residentId: string;
  purpose: 'voucher' | 'fee';
  reference: Record<string, unknown>;
  fulfilment: Record<string, unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Provider events after which the payment will not be captured: its voucher goes back. */
const ENDED: Record<string, 'cancelled' | 'failed' | 'expired'> = {
  'payment.cancelled': 'cancelled',
  'payment.failed': 'failed',
  'payment.expired': 'expired',
};

/** An order not yet paid — including one whose reservation lapsed before a late capture. */
export const UNPAID = ['created', 'pending', 'cancelled', 'expired', 'failed'];

/**
 * Records a verified provider event once (its id is the key: a replay changes nothing) and
 * applies it. Call in one transaction: the event's record, the order's change and what it
 * issues commit together, so a crash in between leaves none of them and the next delivery
 * (or the reconciliation job) does it all. Answers the order when this call fulfilled it.
 */
export async function applyProviderEvent(sql: Sql, event: ProviderEvent): Promise<FulfilledOrder | null> {
  const fresh = await sql.query(
    'insert into provider_event (event_id, type, payment_id) values ($1, $2, $3) on conflict do nothing returning event_id',
    [event.eventId, event.type, event.payment?.paymentId ?? null],
  );
  if (fresh.rowCount === 0 || !event.payment) return null;
  if (event.type === 'payment.captured') return fulfilOrder(sql, event.payment);
  const ended = ENDED[event.type];
  if (ended && event.payment.orderId && UUID.test(event.payment.orderId)) {
    await releaseReservation(sql, event.payment.orderId, ended);
  }
  if (event.type === 'payment.refunded' || event.type === 'payment.refund.created') {
    await recordRefund(sql, event.payment);
  }
  return null;
}

/**
 * Fulfils the order a captured payment pays for — once: the conditional UPDATE lets one
 * caller through, the others see it done. A payment whose amount differs from the order is
 * not fulfilled (the reconciliation job lists it). A voucher comes from the order's
 * reservation; a capture that arrives after the reservation was released takes one from the
 * stock if any is left, and otherwise leaves the order `unfulfillable`, to be refunded.
 */
export async function fulfilOrder(sql: Sql, payment: ProviderPayment): Promise<FulfilledOrder | null> {
  if (!payment.orderId || !UUID.test(payment.orderId)) return null;
  const claimed = await sql.query<{ id: string; resident_id: string; purpose: 'voucher' | 'fee'; reference: unknown }>(
    `update payment_order set status = 'fulfilled', payment_id = $2, fulfilled_at = now()
     where id = $1 and status = any($4) and amount_yen = $3
     returning id, resident_id, purpose, reference`,
    [payment.orderId, payment.paymentId, payment.amountYen, UNPAID],
  );
  const order = claimed.rows[0];
  if (!order) return null;
  const reference = (typeof order.reference === 'string' ? JSON.parse(order.reference) : order.reference) as Record<
    string,
    unknown
  >;
  const fulfilment: Record<string, unknown> = {};
  if (order.purpose === 'voucher') {
    const couponId =
      (await consumeReservation(sql, order.id)) ??
      (await issueAfterRelease(sql, String(reference.definitionId), order.resident_id));
    if (!couponId) {
      await sql.query(`update payment_order set status = 'unfulfillable' where id = $1`, [order.id]);
      return null;
    }
    fulfilment.couponId = couponId;
  }
  await sql.query('update payment_order set fulfilment = $2 where id = $1', [order.id, JSON.stringify(fulfilment)]);
  return { orderId: String(order.id), residentId: order.resident_id, purpose: order.purpose, reference, fulfilment };
}

/** The provider's refunded total is the truth; ours follows it (a wholly refunded voucher is voided). */
export async function recordRefund(sql: Sql, payment: ProviderPayment): Promise<void> {
  await sql.query(
    `update payment_order set refunded_yen = greatest(refunded_yen, $2),
       status = case when greatest(refunded_yen, $2) >= amount_yen then 'refunded' else status end
     where payment_id = $1 and status in ('fulfilled', 'refunded', 'unfulfillable')`,
    [payment.paymentId, payment.refundedYen],
  );
  await voidUnusedVoucherOfRefundedOrder(sql, payment.paymentId);
}

/** A voucher from what stock is left, or null when none is (the savepoint undoes the attempt). */
async function issueAfterRelease(sql: Sql, definitionId: string, residentId: string): Promise<string | null> {
  await sql.query('savepoint late_capture');
  try {
    const couponId = await issueOne(sql, await definitionOf(sql, definitionId), residentId);
    await sql.query('release savepoint late_capture');
    return couponId;
  } catch (error) {
    if (!(error instanceof PluginError)) throw error;
    await sql.query('rollback to savepoint late_capture');
    return null;
  }
}
