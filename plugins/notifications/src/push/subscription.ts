import { type ActionContribution, type Hono, type PluginContext, PluginError, type PluginHttpEnv } from '@kiban/sdk';
import { BROWSER_PUSH_SERVICES } from '../channels/push.ts';
import { RESIDENT_ROLE, residentOf } from '../roles.ts';
import { readSettings } from '../settings.ts';
import { addBrowser, removeBrowser } from './browsers.ts';

interface SubscriptionInput {
  endpoint: string;
  expirationTime?: number | null;
  keys: { p256dh: string; auth: string };
}

/**
 * This browser's push subscription (`PushSubscription.toJSON()`), added to the resident's `push`
 * contact beside their other browsers (up to `MAX_BROWSERS`). Only a push service the settings
 * allow is taken: the server will send to it.
 */
export const subscribePush: ActionContribution<SubscriptionInput> = {
  name: 'subscribePush',
  label: { ja: 'このブラウザに通知する', en: 'Notify this browser' },
  input: {
    type: 'object',
    required: ['endpoint', 'keys'],
    additionalProperties: false,
    properties: {
      endpoint: { type: 'string', format: 'uri', pattern: '^https?://', maxLength: 1000 },
      expirationTime: { type: ['number', 'null'] },
      keys: {
        type: 'object',
        required: ['p256dh', 'auth'],
        additionalProperties: false,
        properties: {
          // An uncompressed P-256 point (65 bytes) and a 16-byte secret, base64url.
          p256dh: { type: 'string', pattern: '^[A-Za-z0-9_-]{87}$' },
          auth: { type: 'string', pattern: '^[A-Za-z0-9_-]{22}$' },
        },
      },
    },
  },
  roles: [RESIDENT_ROLE],
  async handler(input, ctx) {
    const resident = residentOf(ctx.actor);
    const settings = await readSettings(ctx);
    const hosts = settings.push?.allowedHosts ?? BROWSER_PUSH_SERVICES;
    const url = new URL(input.endpoint);
    const known = hosts.some((host) => url.host === host || url.hostname === host || url.hostname.endsWith(`.${host}`));
    if (!settings.push || !known || (url.protocol === 'http:' && !hosts.includes(url.host))) {
      throw new PluginError('notifications.pushServiceNotAllowed', 422, {
        ja: 'この通知サービスには送れません。',
        en: 'Notices cannot be sent to this push service.',
      });
    }
    const browsers = await addBrowser(ctx, resident.id, { endpoint: input.endpoint, keys: input.keys });
    return { channel: 'push', browsers };
  },
};

/** Stops notifying one browser (its `endpoint`), or every browser of the resident without one. */
export const unsubscribePush: ActionContribution<{ endpoint?: string }> = {
  name: 'unsubscribePush',
  label: { ja: 'ブラウザへの通知をやめる', en: 'Stop notifying the browser' },
  input: {
    type: 'object',
    additionalProperties: false,
    properties: { endpoint: { type: 'string', maxLength: 1000 } },
  },
  roles: [RESIDENT_ROLE],
  async handler(input, ctx) {
    const resident = residentOf(ctx.actor);
    const browsers = await removeBrowser(ctx, resident.id, input.endpoint);
    return { channel: 'push', browsers };
  },
};

/** `GET /push/public-key`: the VAPID public key browsers subscribe with, `null` when push is off. */
export function pushRoutes(app: Hono<PluginHttpEnv>, ctx: PluginContext): void {
  app.get('/push/public-key', async (c) => {
    residentOf(c.get('actor'));
    const settings = await readSettings(ctx);
    return c.json({ publicKey: settings.vapidPrivateKey ? (settings.push?.vapidPublicKey ?? null) : null });
  });
}
