import type {
  Checkout,
  CheckoutRequest,
  PaymentProvider,
  ProviderEvent,
  ProviderPayment,
  ProviderPaymentStatus,
} from './port.ts';
import { ProviderUnavailableError } from './port.ts';
import { webhookSignatureValid } from './webhook-signature.ts';

export interface KomojuOptions {
  /** `https://komoju.com` in production; the sandbox provider's address in development. */
  baseUrl: string;
  secretKey: string;
  webhookSecret: string;
  /** Per request; a slow provider counts as down. */
  timeoutMs?: number;
}

const STATUSES: ProviderPaymentStatus[] = [
  'pending',
  'authorized',
  'captured',
  'refunded',
  'cancelled',
  'expired',
  'failed',
];

/**
 * The production adapter: KOMOJU's API v1 (hosted page sessions, payments, refunds) with
 * HTTP basic authentication by the secret key, `X-KOMOJU-IDEMPOTENCY` on every POST, and
 * webhooks signed in `X-Komoju-Signature`.
 */
export function komojuProvider(options: KomojuOptions): PaymentProvider {
  const authorization = `Basic ${Buffer.from(`${options.secretKey}:`).toString('base64')}`;
  const call = async (method: string, path: string, body?: unknown, idempotencyKey?: string) => {
    let response: Response;
    try {
      response = await fetch(new URL(path, options.baseUrl), {
        method,
        headers: {
          authorization,
          accept: 'application/json',
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          ...(idempotencyKey ? { 'x-komoju-idempotency': idempotencyKey } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch (error) {
      throw new ProviderUnavailableError(`KOMOJU ${method} ${path}: ${(error as Error).message}`);
    }
    const text = await response.text();
    if (response.status >= 500 || response.status === 429) {
      throw new ProviderUnavailableError(`KOMOJU ${method} ${path}: HTTP ${response.status}`);
    }
    if (!response.ok)
      throw new Error(`KOMOJU ${method} ${path} refused: HTTP ${response.status} ${text.slice(0, 200)}`);
    return JSON.parse(text) as Record<string, unknown>;
  };

  return {
    name: 'komoju',
    async createCheckout(request: CheckoutRequest): Promise<Checkout> {
      const session = await call(
        'POST',
        '/api/v1/sessions',
        {
          amount: request.amountYen,
          currency: 'JPY',
          return_url: request.returnUrl,
          default_locale: 'ja',
          external_order_num: request.orderId,
          expires_in_seconds: request.expiresInSeconds,
          metadata: { description: request.description },
        },
        request.idempotencyKey,
      );
      return { sessionId: String(session.id), redirectUrl: String(session.session_url) };
    },
    verifyWebhook(rawBody: string, signature: string | undefined): ProviderEvent | null {
      if (!webhookSignatureValid(options.webhookSecret, rawBody, signature)) return null;
      const event = JSON.parse(rawBody) as { id: string; type: string; data?: Record<string, unknown> };
      const isPayment = event.type.startsWith('payment.') && event.data;
      return { eventId: String(event.id), type: event.type, payment: isPayment ? paymentOf(event.data ?? {}) : null };
    },
    async refund(request) {
      const payment = await call(
        'POST',
        `/api/v1/payments/${encodeURIComponent(request.paymentId)}/refund`,
        { amount: request.amountYen },
        request.idempotencyKey,
      );
      return paymentOf(payment);
    },
    async listPayments(from: Date, to: Date): Promise<ProviderPayment[]> {
      const payments: ProviderPayment[] = [];
      for (let page = 1; ; page += 1) {
        const query = new URLSearchParams({
          start_time: from.toISOString(),
          end_time: to.toISOString(),
          per_page: '100',
          page: String(page),
        });
        const result = await call('GET', `/api/v1/payments?${query}`);
        const data = (result.data as Record<string, unknown>[] | undefined) ?? [];
        payments.push(...data.map(paymentOf));
        if (data.length < 100) return payments;
      }
    },
  };
}

function paymentOf(data: Record<string, unknown>): ProviderPayment {
  const status = STATUSES.includes(data.status as ProviderPaymentStatus)
    ? (data.status as ProviderPaymentStatus)
    : 'failed';
  const refunds = (data.refunds as Array<{ amount?: number }> | undefined) ?? [];
  return {
    paymentId: String(data.id),
    orderId: typeof data.external_order_num === 'string' ? data.external_order_num : null,
    amountYen: Number(data.amount ?? 0),
    refundedYen: refunds.reduce((sum, refund) => sum + Number(refund.amount ?? 0), 0),
    status,
  };
}
