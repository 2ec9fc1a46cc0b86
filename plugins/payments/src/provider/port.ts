/**
 * What the plugin needs from a payment provider: a hosted payment page for an order, signed
 * notifications of what happened, refunds and a report to reconcile against. Card data is
 * entered on the provider's page only and never reaches Kiban.
 */
export interface PaymentProvider {
  readonly name: string;
  /** A hosted page for the order; the same `idempotencyKey` never makes a second session. */
  createCheckout(request: CheckoutRequest): Promise<Checkout>;
  /** The event a webhook request carries, or null when its signature does not verify. */
  verifyWebhook(rawBody: string, signature: string | undefined): ProviderEvent | null;
  refund(request: { paymentId: string; amountYen: number; idempotencyKey: string }): Promise<ProviderPayment>;
  /** Every payment created in [from, to): the provider's side of the daily reconciliation. */
  listPayments(from: Date, to: Date): Promise<ProviderPayment[]>;
}

export interface CheckoutRequest {
  orderId: string;
  amountYen: number;
  description: string;
  returnUrl: string;
  idempotencyKey: string;
  /** After this the hosted page takes no payment (the order's reservation lapses soon after). */
  expiresInSeconds: number;
}

export interface Checkout {
  sessionId: string;
  redirectUrl: string;
}

export type ProviderPaymentStatus =
  | 'pending'
  | 'authorized'
  | 'captured'
  | 'refunded'
  | 'cancelled'
  | 'expired'
  | 'failed';

export interface ProviderPayment {
  paymentId: string;
  orderId: string | null;
  amountYen: number;
  refundedYen: number;
  status: ProviderPaymentStatus;
}

export interface ProviderEvent {
  eventId: string;
  type: string;
  payment: ProviderPayment | null;
}

/** The provider is unreachable or failed: nothing was charged by this call, try again later. */
export class ProviderUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ProviderUnavailableError';
  }
}
