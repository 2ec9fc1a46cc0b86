import webpush from 'web-push';
import { browsersOf, type PushSubscriptionJson } from '../push/browsers.ts';
import {
  type ChannelSender,
  type OutgoingMessage,
  outcomeOfError,
  outcomeOfStatus,
  type SendOutcome,
} from './message.ts';

export interface PushOptions {
  subject: string;
  publicKey: string;
  privateKey: string;
  /** Host names (or suffixes after a dot) of the push services a subscription may point at. */
  allowedHosts: string[];
  timeoutMs: number;
  /** A push service answered that a browser's subscription is gone (404/410). */
  onGone?(endpoint: string): Promise<void>;
}

/** Push services of the browsers residents use: a subscription elsewhere is refused, not fetched. */
export const BROWSER_PUSH_SERVICES = [
  'fcm.googleapis.com',
  'updates.push.services.mozilla.com',
  'push.apple.com',
  'notify.windows.com',
];

/**
 * Web Push (RFC 8030) with VAPID (RFC 8292): `web-push` encrypts the payload (RFC 8291,
 * aes128gcm) and signs the VAPID header; the request itself goes out with `fetch`, like the
 * other channels, so timeouts and the sandbox's plain-HTTP address work alike. The address holds
 * the resident's browsers (`browsersOf`); the message goes to each. It is sent when one push
 * service took it, retried when none did but one may later, and failed for good otherwise.
 * 404/410 mean a browser's subscription is gone: `onGone` is told, and that browser counts as
 * failed for good.
 */
export function pushSender(options: PushOptions): ChannelSender {
  const sendTo = async (subscription: PushSubscriptionJson, message: OutgoingMessage): Promise<SendOutcome> => {
    if (!allowed(subscription.endpoint, options.allowedHosts)) {
      return { status: 'permanent-failure', error: `push service not allowed: ${new URL(subscription.endpoint).host}` };
    }
    const payload = JSON.stringify({ title: message.subject ?? '', body: message.body, tag: message.idempotencyKey });
    try {
      const request = webpush.generateRequestDetails(subscription, payload, {
        vapidDetails: { subject: options.subject, publicKey: options.publicKey, privateKey: options.privateKey },
        contentEncoding: 'aes128gcm',
        TTL: 24 * 3600,
        urgency: 'normal',
      });
      const response = await fetch(request.endpoint, {
        method: request.method,
        headers: request.headers as Record<string, string>,
        body: new Uint8Array(request.body),
        signal: AbortSignal.timeout(options.timeoutMs),
      });
      const text = await response.text();
      if (response.status === 404 || response.status === 410) {
        await options.onGone?.(subscription.endpoint);
        return { status: 'permanent-failure', error: `HTTP ${response.status}: subscription gone` };
      }
      return outcomeOfStatus(response.status, text, response.headers.get('location') ?? undefined);
    } catch (error) {
      return outcomeOfError(error);
    }
  };
  return {
    async send(message: OutgoingMessage): Promise<SendOutcome> {
      const browsers = browsersOf(message.address);
      if (browsers.length === 0) return { status: 'permanent-failure', error: 'not a push subscription' };
      const outcomes = await Promise.all(browsers.map((browser) => sendTo(browser, message)));
      const taken = outcomes.find((outcome) => outcome.status === 'sending' || outcome.status === 'delivered');
      if (taken) return taken;
      const errors = outcomes.map((outcome) => ('error' in outcome ? outcome.error : '')).join('; ');
      const status = outcomes.some((outcome) => outcome.status === 'retry') ? 'retry' : 'permanent-failure';
      return { status, error: errors.slice(0, 300) };
    },
  };
}

function allowed(endpoint: string, hosts: string[]): boolean {
  const url = new URL(endpoint);
  const host = url.hostname;
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && hosts.includes(url.host))) return false;
  return hosts.some(
    (allowedHost) => host === allowedHost || host.endsWith(`.${allowedHost}`) || url.host === allowedHost,
  );
}
