/** One rendered message for one address, and what a provider answered. */
export interface OutgoingMessage {
  /** Stable across retries: providers that support it drop a repeated request. */
  idempotencyKey: string;
  address: string;
  language: string;
  subject?: string;
  body: string;
  /** One-click unsubscribe URL (email only). */
  unsubscribeUrl?: string;
}

/**
 * GOV.UK Notify's receipt model: `sending` (the provider accepted it), `delivered` (the provider
 * confirmed it), `permanent-failure` (never retried: a bad address, a refused request) — or
 * `retry` for a 5xx, 429 or timeout, which the delivery job turns into `temporary-failure` once
 * the attempts run out.
 */
export type SendOutcome =
  | { status: 'sending' | 'delivered'; reference?: string }
  | { status: 'retry' | 'permanent-failure'; error: string };

export interface ChannelSender {
  send(message: OutgoingMessage): Promise<SendOutcome>;
  close?(): void;
}

/** The outcome of an HTTP provider's answer: 2xx accepted, 408/429/5xx again later, other 4xx never. */
export function outcomeOfStatus(status: number, text: string, reference?: string): SendOutcome {
  if (status >= 200 && status < 300) return { status: 'sending', reference };
  const error = `HTTP ${status}: ${text.slice(0, 200)}`;
  if (status === 408 || status === 429 || status >= 500) return { status: 'retry', error };
  return { status: 'permanent-failure', error };
}

/** A network error or a timeout: the request may not have arrived, so try again. */
export function outcomeOfError(error: unknown): SendOutcome {
  const name = error instanceof Error ? error.name : 'Error';
  const message = error instanceof Error ? error.message : String(error);
  return { status: 'retry', error: `${name}: ${message}`.slice(0, 300) };
}
