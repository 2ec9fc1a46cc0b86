import { definitionOf, issueOne } from '../coupons/issue.ts';
import type { ProviderEvent, ProviderPayment } from '../provider/port.ts';
import type { Sql } from '../storage/sql.ts';

export interface FulfilledOrder {
  orderId: string;
  residentId: string;
  purpose: 'voucher' | 'fee';
  reference: Record<string, unknown>;
  fulfilment: Record<string, unknown>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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
  if (event.type === 'payment.refunded' || event.type === 'payment.refund.created') {
    await recordRefund(sql, event.payment);
  }
  return null;
}

/**
 * Fulfils the order a captured payment pays for — once: the conditional UPDATE lets one
 * caller through, the others see it done. A payment whose amount differs from the order is
 * not fulfilled (the reconciliation job lists it).
 */
export async function fulfilOrder(sql: Sql, payment: ProviderPayment): Promise<FulfilledOrder | null> {
  if (!payment.orderId || !UUID.test(payment.orderId)) return null;
  const claimed = await sql.query<{ id: string; resident_id: string; purpose: 'voucher' | 'fee'; reference: unknown }>(
    `update payment_order set status = 'fulfilled', payment_id = $2, fulfilled_at = now()
     where id = $1 and status in ('created', 'pending') and amount_yen = $3
     returning id, resident_id, purpose, reference`,
    [payment.orderId, payment.paymentId, payment.amountYen],
  );
  const order = claimed.rows[0];
  if (!order) return null;
  const reference = (typeof order.reference === 'string' ? JSON.parse(order.reference) : order.reference) as Record<
    string,
    unknown
  >;
  const fulfilment: Record<string, unknown> = {};
  if (order.purpose === 'voucher') {
    const definition = await definitionOf(sql, String(reference.definitionId));
    fulfilment.couponId = await issueOne(sql, definition, order.resident_id);
  }
  await sql.query('update payment_order set fulfilment = $2 where id = $1', [order.id, JSON.stringify(fulfilment)]);
  return { orderId: String(order.id), residentId: order.resident_id, purpose: order.purpose, reference, fulfilment };
}

/** The provider's refunded total is the truth; ours follows it. */
export async function recordRefund(sql: Sql, payment: ProviderPayment): Promise<void> {
  await sql.query(
    `update payment_order set refunded_yen = greatest(refunded_yen, $2),
       status = case when greatest(refunded_yen, $2) >= amount_yen then 'refunded' else status end
     where payment_id = $1 and status in ('fulfilled', 'refunded')`,
    [payment.paymentId, payment.refundedYen],
  );
}
