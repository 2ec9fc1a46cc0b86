import { createHash } from 'node:crypto';
import {
  type ChannelSender,
  type OutgoingMessage,
  outcomeOfError,
  outcomeOfStatus,
  type SendOutcome,
} from './message.ts';

/**
 * LINE Messaging API push messages (`POST /v2/bot/message/push`, a channel access token as the
 * bearer). The `X-Line-Retry-Key` header makes a retried request harmless: LINE answers 409 with
 * `x-line-accepted-request-id` when the key was accepted before, which counts as sent.
 */
export function lineSender(options: { endpoint: string; accessToken: string; timeoutMs: number }): ChannelSender {
  const url = new URL('/v2/bot/message/push', options.endpoint);
  return {
    async send(message: OutgoingMessage): Promise<SendOutcome> {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${options.accessToken}`,
            'content-type': 'application/json',
            'x-line-retry-key': retryKeyOf(message.idempotencyKey),
          },
          body: JSON.stringify({ to: message.address, messages: [{ type: 'text', text: textOf(message) }] }),
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        const text = await response.text();
        const accepted = response.headers.get('x-line-accepted-request-id');
        if (response.status === 409 && accepted) return { status: 'sending', reference: accepted };
        return outcomeOfStatus(response.status, text, response.headers.get('x-line-request-id') ?? undefined);
      } catch (error) {
        return outcomeOfError(error);
      }
    },
  };
}

/** LINE text messages carry at most 5,000 characters; the subject leads. */
function textOf(message: OutgoingMessage): string {
  const text = message.subject ? `${message.subject}\n\n${message.body}` : message.body;
  return text.slice(0, 5000);
}

/** LINE wants the retry key as a UUID: the same idempotency key always gives the same one. */
export function retryKeyOf(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  const variant = ((Number.parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
