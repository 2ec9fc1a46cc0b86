import { type ClientRequest, Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import type { Webhook } from 'standardwebhooks';

export interface SendOutcome {
  ok: boolean;
  /** The receiver's HTTP status; absent when it could not be reached. */
  status?: number;
  /** Why it failed, without the body the receiver answered (it may echo personal data). */
  error?: string;
}

export interface WebhookSender {
  send(endpoint: string, signer: Webhook, delivery: { id: string; body: string }, now: Date): Promise<SendOutcome>;
  /** Closes the kept-alive connections. */
  close(): void;
}

const TIMEOUT_MS = 10_000;
/** Idle connections close before the 5 s a Node receiver keeps them, so a reused one is rarely closed under us. */
const IDLE_MS = 4_000;

/**
 * POSTs deliveries in the Standard Webhooks format: `webhook-id` (the delivery id, the same on
 * every retry, so receivers can drop repeats), `webhook-timestamp` and `webhook-signature`
 * (`v1,<base64 HMAC-SHA256 of id.timestamp.body>`, signed by the `standardwebhooks` library).
 * Any 2xx is success; redirects are not followed; a request gets 10 s in all.
 *
 * Connections are kept alive and pooled, at most `connectionsPerOrigin` to one receiver: a new
 * TCP (and TLS) connection and the heavier `fetch` machinery for every delivery cost more than
 * the delivery itself.
 */
export function createWebhookSender(connectionsPerOrigin: number): WebhookSender {
  const options = { keepAlive: true, maxSockets: connectionsPerOrigin, timeout: IDLE_MS, scheduling: 'lifo' as const };
  const http = new HttpAgent(options);
  const https = new HttpsAgent(options);
  return {
    async send(endpoint, signer, delivery, now) {
      const headers = {
        'content-type': 'application/json',
        'content-length': String(Buffer.byteLength(delivery.body)),
        'webhook-id': delivery.id,
        'webhook-timestamp': String(Math.floor(now.getTime() / 1000)),
        'webhook-signature': signer.sign(delivery.id, now, delivery.body),
      };
      const post = () => postOnce(endpoint, endpoint.startsWith('https:') ? https : http, headers, delivery.body);
      try {
        return await post();
      } catch (error) {
        // The receiver closed a kept-alive connection as we wrote on it: nothing was handled, send again at once.
        if (error instanceof StaleConnection) return post().catch(failure);
        return failure(error);
      }
    },
    close() {
      http.destroy();
      https.destroy();
    },
  };
}

class StaleConnection extends Error {}

function postOnce(
  endpoint: string,
  agent: HttpAgent,
  headers: Record<string, string>,
  body: string,
): Promise<SendOutcome> {
  return new Promise((resolve, reject) => {
    let answered = false;
    let settled = false;
    const settle = (outcome: SendOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      resolve(outcome);
    };
    const fail = (error: NodeJS.ErrnoException) => {
      if (settled) return;
      settled = true;
      clearTimeout(deadline);
      // Only a request nobody answered is known not to have been handled.
      const stale = !answered && request.reusedSocket && (error.code === 'ECONNRESET' || error.code === 'EPIPE');
      reject(stale ? new StaleConnection(error.message) : error);
    };
    const request: ClientRequest = (endpoint.startsWith('https:') ? httpsRequest : httpRequest)(
      endpoint,
      { method: 'POST', agent, headers },
      (response) => {
        answered = true;
        const status = response.statusCode ?? 0;
        response.on('error', fail);
        response.on('end', () =>
          settle(status >= 200 && status < 300 ? { ok: true, status } : { ok: false, status, error: `HTTP ${status}` }),
        );
        response.on('close', () => fail(new Error('the connection closed before the answer ended')));
        // The body is not read: it may echo personal data, and only the status counts.
        response.resume();
      },
    );
    const deadline = setTimeout(() => request.destroy(new TimeoutError()), TIMEOUT_MS);
    request.on('error', fail);
    request.end(body);
  });
}

class TimeoutError extends Error {
  constructor() {
    super('timed out');
    this.name = 'TimeoutError';
  }
}

function failure(error: unknown): SendOutcome {
  return { ok: false, error: describeNetworkError(error) };
}

function describeNetworkError(error: unknown): string {
  if (!(error instanceof Error)) return 'request failed';
  if (error instanceof TimeoutError) return 'timed out';
  const code = (error as NodeJS.ErrnoException).code;
  return code && !error.message.includes(code) ? `${error.message} (${code})` : error.message;
}
