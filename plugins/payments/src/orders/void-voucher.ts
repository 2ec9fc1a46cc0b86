import type { Sql } from '../storage/sql.ts';
import { voucherUsed } from './errors.ts';

/**
 * Before a voucher order is refunded (in whole or in part), its voucher is voided: the
 * resident may not keep a voucher whose payment was returned. One conditional UPDATE from
 * `issued` does it, the guard a redemption's UPDATE takes on the same row, so a refund and a
 * redemption racing for one voucher cannot both succeed. A voucher already used refuses the
 * refund (`payments.voucherUsed`); one this order voided before (a retried refund) passes.
 * An order that bought no voucher (a fee, or a capture that found no stock) passes as is.
 */
export async function voidVoucherBeforeRefund(sql: Sql, orderId: string): Promise<void> {
  const found = await sql.query<{ coupon_id: string | null }>(
    `select fulfilment->>'couponId' as coupon_id from payment_order where id = $1 and purpose = 'voucher' for update`,
    [orderId],
  );
  const couponId = found.rows[0]?.coupon_id;
  if (!couponId) return;
  const voided = await sql.query(
    `update coupon set status = 'voided', voided_at = now(), voided_by_order = $2
     where id = $1 and status = 'issued' returning id`,
    [couponId, orderId],
  );
  if (voided.rowCount === 1) return;
  const state = await sql.query<{ status: string; voided_by_order: string | null }>(
    'select status, voided_by_order from coupon where id = $1',
    [couponId],
  );
  const coupon = state.rows[0];
  if (coupon?.status === 'voided' && coupon.voided_by_order === orderId) return;
  throw voucherUsed();
}

/**
 * A refund the provider reports for the whole of a voucher order (one made at the provider,
 * not through Kiban) voids the voucher if it is still unused; a used one stays used.
 */
export async function voidUnusedVoucherOfRefundedOrder(sql: Sql, paymentId: string): Promise<void> {
  await sql.query(
    `update coupon c set status = 'voided', voided_at = now(), voided_by_order = o.id
     from payment_order o
     where o.payment_id = $1 and o.purpose = 'voucher' and o.status = 'refunded'
       and c.id = (o.fulfilment->>'couponId')::uuid and c.status = 'issued'`,
    [paymentId],
  );
}
