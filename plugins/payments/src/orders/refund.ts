import type { PaymentProvider } from '../provider/port.ts';
import { ProviderUnavailableError } from '../provider/port.ts';
import type { Store } from '../storage/sql.ts';
import { toNumber } from '../storage/sql.ts';
import { recordRefund } from './capture.ts';
import { notRefundable, providerUnavailable, unknownOrder } from './errors.ts';
import { voidVoucherBeforeRefund } from './void-voucher.ts';

/**
 * Refunds part or all of a fulfilled order at the provider. A voucher order's unused voucher
 * is voided first, and a used one refuses the refund. The provider-side key is the order and
 * the amount refunded so far, so a retried request refunds once; the provider's answer then
 * sets our refunded total.
 */
export async function refundOrder(
  store: Store,
  provider: PaymentProvider,
  orderId: string,
  amountYen: number,
): Promise<{ refundedYen: number; status: string }> {
  const found = await store.sql.query<{ payment_id: string | null; amount_yen: string; refunded_yen: string }>(
    `select payment_id, amount_yen, refunded_yen from payment_order where id = $1 and status in ('fulfilled', 'refunded', 'unfulfillable')`,
    [orderId],
  );
  const order = found.rows[0];
  if (!order?.payment_id) throw unknownOrder();
  const left = toNumber(order.amount_yen) - toNumber(order.refunded_yen);
  if (amountYen > left) throw notRefundable(left);
  // Committed before the provider is asked: once it is void, no redemption can slip in between.
  // A refund that then cannot reach the provider leaves it void, and its retry completes.
  await store.transaction((sql) => voidVoucherBeforeRefund(sql, orderId));
  let payment: Awaited<ReturnType<PaymentProvider['refund']>>;
  try {
    payment = await provider.refund({
      paymentId: order.payment_id,
      amountYen,
      idempotencyKey: `refund:${orderId}:${toNumber(order.refunded_yen)}:${amountYen}`,
    });
  } catch (error) {
    if (error instanceof ProviderUnavailableError) throw providerUnavailable();
    throw error;
  }
  await store.transaction((sql) => recordRefund(sql, payment));
  const after = await store.sql.query<{ refunded_yen: string; status: string }>(
    'select refunded_yen, status from payment_order where id = $1',
    [orderId],
  );
  return { refundedYen: toNumber(after.rows[0]?.refunded_yen), status: String(after.rows[0]?.status) };
}
