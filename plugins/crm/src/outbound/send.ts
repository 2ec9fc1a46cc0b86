import type { Webhook } from 'standardwebhooks';

export interface SendOutcome {
  ok: boolean;
  /** The receiver's HTTP status; absent when it could not be reached. */
  status?: number;
  /** Why it failed, without the body the receiver answered (it may echo personal data). */
  error?: string;
}

const TIMEOUT_MS = 10_000;

/**
 * POSTs one delivery in the Standard Webhooks format: `webhook-id` (the delivery id, the same on
 * every retry, so receivers can drop repeats), `webhook-timestamp` and `webhook-signature`
 * (`v1,<base64 HMAC-SHA256 of id.timestamp.body>`, signed by the `standardwebhooks` library).
 * Any 2xx is success; redirects are not followed.
 */
export async function sendWebhook(
  endpoint: string,
  signer: Webhook,
  delivery: { id: string; body: string },
  now: Date,
): Promise<SendOutcome> {
  const signature = signer.sign(delivery.id, now, delivery.body);
  try {
    const response = await fetch(endpoint, {
      method: 'POST',
      redirect: 'manual',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: {
        'content-type': 'application/json',
        'webhook-id': delivery.id,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': signature,
      },
      body: delivery.body,
    });
    await response.body?.cancel();
    if (response.status >= 200 && response.status < 300) return { ok: true, status: response.status };
    return { ok: false, status: response.status, error: `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, error: describeNetworkError(error) };
  }
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return 'request failed';
  const cause = (error as { cause?: { code?: string } }).cause;
  if (error.name === 'TimeoutError') return 'timed out';
  return cause?.code ? `${error.message} (${cause.code})` : error.message;
}
