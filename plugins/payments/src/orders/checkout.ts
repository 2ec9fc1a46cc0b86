import type { PaymentProvider } from '../provider/port.ts';
import { ProviderUnavailableError } from '../provider/port.ts';
import type { Sql, Store } from '../storage/sql.ts';
import { checkoutClosed, providerUnavailable } from './errors.ts';

export interface CheckoutInput {
  /** Chosen by the resident's browser for this purchase: a retry sends the same one. */
  idempotencyKey: string;
  residentId: string;
  purpose: 'voucher' | 'fee';
  amountYen: number;
  description: string;
  reference: Record<string, unknown>;
  /** Where the provider sends the resident back; `{order}` is replaced by the order id. */
  returnUrl: string;
  /** How long the hosted page stays open; a reservation is held a little longer. */
  expiresInSeconds: number;
  /** Runs once, in the transaction that creates the order: a refusal creates no order. */
  reserve?: (sql: Sql, orderId: string, expiresAt: Date) => Promise<void>;
}

/** A capture notified just before the page closed still finds its reservation held. */
const RESERVATION_GRACE_MS = 15 * 60_000;

export interface CheckoutResult {
  orderId: string;
  redirectUrl: string;
  status: string;
}

/**
 * Creates (or finds) the order for the idempotency key, then the provider's hosted page for
 * it. The order id is the provider-side idempotency key, so a retry after the provider was
 * down, or after our answer was lost, reuses the one session: the resident can only pay once.
 * No transaction is held open while the provider is called.
 */
export async function startCheckout(
  store: Store,
  provider: PaymentProvider,
  input: CheckoutInput,
): Promise<CheckoutResult> {
  const order = await store.transaction(async (sql) => {
    const created = await sql.query<{ id: string }>(
      `insert into payment_order (idempotency_key, purpose, resident_id, amount_yen, description, reference, provider)
       values ($1, $2, $3, $4, $5, $6, $7) on conflict (idempotency_key) do nothing returning id`,
      [
        input.idempotencyKey,
        input.purpose,
        input.residentId,
        input.amountYen,
        input.description,
        JSON.stringify(input.reference),
        provider.name,
      ],
    );
    const createdId = created.rows[0]?.id;
    if (createdId && input.reserve) {
      await input.reserve(sql, createdId, new Date(Date.now() + input.expiresInSeconds * 1000 + RESERVATION_GRACE_MS));
    }
    const found = await sql.query<{ id: string; redirect_url: string | null; status: string; resident_id: string }>(
      'select id, redirect_url, status, resident_id from payment_order where idempotency_key = $1',
      [input.idempotencyKey],
    );
    return found.rows[0];
  });
  if (!order || order.resident_id !== input.residentId) throw new Error('idempotency key of another resident');
  if (!['created', 'pending'].includes(order.status)) throw checkoutClosed(order.status);
  if (order.redirect_url) return { orderId: order.id, redirectUrl: order.redirect_url, status: order.status };
  let checkout: Awaited<ReturnType<PaymentProvider['createCheckout']>>;
  try {
    checkout = await provider.createCheckout({
      orderId: order.id,
      amountYen: input.amountYen,
      description: input.description,
      returnUrl: input.returnUrl.replace('{order}', order.id),
      idempotencyKey: `order:${order.id}`,
      expiresInSeconds: input.expiresInSeconds,
    });
  } catch (error) {
    if (error instanceof ProviderUnavailableError) throw providerUnavailable();
    throw error;
  }
  await store.sql.query(
    `update payment_order set session_id = $2, redirect_url = $3, status = case when status = 'created' then 'pending' else status end
     where id = $1 and session_id is null`,
    [order.id, checkout.sessionId, checkout.redirectUrl],
  );
  return { orderId: order.id, redirectUrl: checkout.redirectUrl, status: 'pending' };
}
