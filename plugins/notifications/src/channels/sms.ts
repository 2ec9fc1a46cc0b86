import {
  type ChannelSender,
  type OutgoingMessage,
  outcomeOfError,
  outcomeOfStatus,
  type SendOutcome,
} from './message.ts';

/**
 * SMS through Twilio's Programmable Messaging API (`POST /2010-04-01/Accounts/{sid}/Messages.json`,
 * form-encoded `To`, `From`, `Body`, HTTP Basic with the account SID and auth token). The API has
 * no idempotency key, so a request retried after a timeout may send twice; numbers are E.164.
 */
export function smsSender(options: {
  endpoint: string;
  accountSid: string;
  authToken: string;
  from: string;
  timeoutMs: number;
  /** Where Twilio posts the message's status (`delivered`, `undelivered`, `failed`). */
  statusCallback?: string;
}): ChannelSender {
  const url = new URL(`/2010-04-01/Accounts/${encodeURIComponent(options.accountSid)}/Messages.json`, options.endpoint);
  const authorization = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  return {
    async send(message: OutgoingMessage): Promise<SendOutcome> {
      try {
        const response = await fetch(url, {
          method: 'POST',
          headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            To: message.address,
            From: options.from,
            Body: message.body.slice(0, 670),
            ...(options.statusCallback ? { StatusCallback: options.statusCallback } : {}),
          }),
          signal: AbortSignal.timeout(options.timeoutMs),
        });
        const text = await response.text();
        const sid = response.ok ? (JSON.parse(text) as { sid?: string }).sid : undefined;
        return outcomeOfStatus(response.status, text, sid);
      } catch (error) {
        return outcomeOfError(error);
      }
    },
  };
}
