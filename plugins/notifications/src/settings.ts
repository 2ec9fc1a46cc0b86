import type { PluginContext, PluginSettings } from '@kiban/sdk';

/** What administrators set per environment. Secrets are top-level `writeOnly` properties. */
export interface NotificationSettings {
  /** The address residents reach the portal at, for links in emails (unsubscribe, notice). */
  publicBaseUrl?: string;
  /**
   * SMTP relay and sender. Bounces and delivery reports go to `bounceAddress` (else `from`); the
   * mailbox's gateway posts them to `callbacks/email`, signed with the intake key.
   */
  email?: {
    host: string;
    port: number;
    secure?: boolean;
    user?: string;
    from: string;
    bounceAddress?: string;
    /** DKIM: the signing domain and the selector its public key is published under (`<selector>._domainkey.<domain>`). */
    dkim?: { domainName: string; keySelector: string };
  };
  emailPassword?: string;
  /** The DKIM private key (PEM), secret like the password. */
  dkimPrivateKey?: string;
  /**
   * LINE Messaging API base URL and the account-link dialog's (`https://access.line.me`); the
   * sandbox server's URL for both in development. The channel secret signs LINE's webhooks.
   */
  line?: { endpoint: string; accountLinkEndpoint?: string };
  lineChannelAccessToken?: string;
  lineChannelSecret?: string;
  /** Twilio-compatible SMS API base URL, account and sender; the sandbox server's in development. */
  sms?: { endpoint: string; accountSid: string; from: string };
  smsAuthToken?: string;
  /**
   * Web Push: the VAPID subject (`mailto:` or `https:`) and public key (browsers subscribe with
   * it), and the push services subscriptions may point at (the browsers' own when absent; the
   * sandbox's `host:port` in development, the only plain-HTTP address allowed).
   */
  push?: { subject: string; vapidPublicKey: string; allowedHosts?: string[] };
  vapidPrivateKey?: string;
  /** Messages per minute and channel; unlimited when absent. */
  rateLimits?: Partial<Record<'email' | 'line' | 'sms' | 'push', number>>;
  /** Messages one delivery job sends at most (100 when absent). */
  batchSize?: number;
  /** Attempts on 5xx or timeouts before a message is `temporary-failure` (5), and the first back-off (30 s, doubling). */
  retry?: { maxAttempts?: number; backoffSeconds?: number };
  /** Milliseconds before a provider call counts as timed out (10 000). */
  providerTimeoutMs?: number;
  /** Official notices unread after this many days go by the fallback channel, then to paper after as many again. */
  escalationDays?: number;
  fallbackChannel?: 'email' | 'line' | 'sms';
  /**
   * The map of "my benefits and events": an XYZ tile URL (`{z}`, `{x}`, `{y}`) and its
   * attribution. A path on the portal's own origin (a tile proxy): the portal's
   * Content-Security-Policy loads images from itself only. Without it the page plots coordinates.
   */
  map?: { tileUrl: string; attribution: string };
  /** HMAC keys: the one-click unsubscribe links, and intake calls of other systems. */
  unsubscribeSecret?: string;
  intakeSecret?: string;
}

const rate = { type: 'integer', minimum: 1, maximum: 1_000_000 };

export const settings: PluginSettings = {
  schema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      publicBaseUrl: { type: 'string', format: 'uri' },
      email: {
        type: 'object',
        additionalProperties: false,
        required: ['host', 'port', 'from'],
        properties: {
          host: { type: 'string', minLength: 1 },
          port: { type: 'integer', minimum: 1, maximum: 65535 },
          secure: { type: 'boolean' },
          user: { type: 'string' },
          from: { type: 'string', minLength: 3 },
          bounceAddress: { type: 'string', format: 'email' },
          dkim: {
            type: 'object',
            additionalProperties: false,
            required: ['domainName', 'keySelector'],
            properties: {
              domainName: { type: 'string', format: 'hostname' },
              keySelector: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9-]*$', maxLength: 63 },
            },
          },
        },
      },
      emailPassword: { type: 'string', writeOnly: true },
      dkimPrivateKey: { type: 'string', pattern: '^-----BEGIN (RSA )?PRIVATE KEY-----', writeOnly: true },
      line: {
        type: 'object',
        additionalProperties: false,
        required: ['endpoint'],
        properties: {
          endpoint: { type: 'string', format: 'uri' },
          accountLinkEndpoint: { type: 'string', format: 'uri' },
        },
      },
      lineChannelAccessToken: { type: 'string', writeOnly: true },
      lineChannelSecret: { type: 'string', minLength: 16, writeOnly: true },
      sms: {
        type: 'object',
        additionalProperties: false,
        required: ['endpoint', 'accountSid', 'from'],
        properties: {
          endpoint: { type: 'string', format: 'uri' },
          accountSid: { type: 'string', minLength: 1 },
          from: { type: 'string', minLength: 1 },
        },
      },
      smsAuthToken: { type: 'string', writeOnly: true },
      push: {
        type: 'object',
        additionalProperties: false,
        required: ['subject', 'vapidPublicKey'],
        properties: {
          subject: { type: 'string', pattern: '^(mailto:|https://)' },
          vapidPublicKey: { type: 'string', pattern: '^[A-Za-z0-9_-]{87}$' },
          allowedHosts: {
            type: 'array',
            maxItems: 20,
            items: { type: 'string', pattern: '^[a-z0-9.-]+(:[0-9]{1,5})?$' },
          },
        },
      },
      vapidPrivateKey: { type: 'string', pattern: '^[A-Za-z0-9_-]{43}$', writeOnly: true },
      rateLimits: {
        type: 'object',
        additionalProperties: false,
        properties: { email: rate, line: rate, sms: rate, push: rate },
      },
      batchSize: { type: 'integer', minimum: 1, maximum: 10_000 },
      retry: {
        type: 'object',
        additionalProperties: false,
        properties: {
          maxAttempts: { type: 'integer', minimum: 1, maximum: 50 },
          backoffSeconds: { type: 'integer', minimum: 1, maximum: 86_400 },
        },
      },
      providerTimeoutMs: { type: 'integer', minimum: 100, maximum: 120_000 },
      escalationDays: { type: 'integer', minimum: 1, maximum: 365 },
      fallbackChannel: { enum: ['email', 'line', 'sms'] },
      map: {
        type: 'object',
        additionalProperties: false,
        required: ['tileUrl', 'attribution'],
        properties: {
          tileUrl: { type: 'string', pattern: '^/[^/\\s][^\\s]*\\{z\\}[^\\s]*\\{x\\}[^\\s]*\\{y\\}' },
          attribution: { type: 'string', minLength: 1, maxLength: 200 },
        },
      },
      unsubscribeSecret: { type: 'string', minLength: 16, writeOnly: true },
      intakeSecret: { type: 'string', minLength: 16, writeOnly: true },
    },
  },
};

export function readSettings(ctx: PluginContext): Promise<NotificationSettings> {
  return ctx.settings<NotificationSettings>();
}
