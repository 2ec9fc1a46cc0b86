import type { NotificationSettings } from '../settings.ts';
import { emailSender } from './email.ts';
import { lineSender } from './line.ts';
import type { ChannelSender } from './message.ts';
import { BROWSER_PUSH_SERVICES, pushSender } from './push.ts';
import { smsSender } from './sms.ts';

export { emailMessageId } from './email.ts';
export { retryKeyOf } from './line.ts';
export type { ChannelSender, OutgoingMessage, SendOutcome } from './message.ts';

/** Where the public route taking Twilio's status callbacks is mounted. */
export const SMS_STATUS_CALLBACK_PATH = '/api/public/notifications/callbacks/sms';

export type DeliveryChannel = 'email' | 'line' | 'sms' | 'push';
export const DELIVERY_CHANNELS: DeliveryChannel[] = ['email', 'line', 'sms', 'push'];

/** The domain of the Message-IDs of emails: the portal's host name. */
export function messageIdDomain(settings: NotificationSettings): string {
  return settings.publicBaseUrl ? new URL(settings.publicBaseUrl).hostname : 'kiban.invalid';
}

/** The sender of `channel` as the settings configure it, or why there is none. */
export function senderFor(
  channel: DeliveryChannel,
  settings: NotificationSettings,
  hooks: { onPushGone?(endpoint: string): Promise<void> } = {},
): { sender: ChannelSender } | { missing: string } {
  const timeoutMs = settings.providerTimeoutMs ?? 10_000;
  if (channel === 'email') {
    if (!settings.email) return { missing: 'email' };
    const { dkim, ...relay } = settings.email;
    // A relay set to sign with no key would send unsigned mail that receivers then distrust.
    if (dkim && !settings.dkimPrivateKey) return { missing: 'dkimPrivateKey' };
    return {
      sender: emailSender({
        ...relay,
        password: settings.emailPassword,
        timeoutMs,
        messageIdDomain: messageIdDomain(settings),
        dkim: dkim && settings.dkimPrivateKey ? { ...dkim, privateKey: settings.dkimPrivateKey } : undefined,
      }),
    };
  }
  if (channel === 'line') {
    if (!settings.line || !settings.lineChannelAccessToken) return { missing: 'line, lineChannelAccessToken' };
    return {
      sender: lineSender({ endpoint: settings.line.endpoint, accessToken: settings.lineChannelAccessToken, timeoutMs }),
    };
  }
  if (channel === 'push') {
    if (!settings.push || !settings.vapidPrivateKey) return { missing: 'push, vapidPrivateKey' };
    return {
      sender: pushSender({
        subject: settings.push.subject,
        publicKey: settings.push.vapidPublicKey,
        privateKey: settings.vapidPrivateKey,
        allowedHosts: settings.push.allowedHosts ?? BROWSER_PUSH_SERVICES,
        timeoutMs,
        onGone: hooks.onPushGone,
      }),
    };
  }
  if (!settings.sms || !settings.smsAuthToken) return { missing: 'sms, smsAuthToken' };
  const statusCallback = settings.publicBaseUrl
    ? new URL(SMS_STATUS_CALLBACK_PATH, settings.publicBaseUrl).toString()
    : undefined;
  return { sender: smsSender({ ...settings.sms, authToken: settings.smsAuthToken, timeoutMs, statusCallback }) };
}
