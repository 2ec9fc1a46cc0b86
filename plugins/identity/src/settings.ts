import { PluginError } from '@kiban/sdk';
import { attributeSourceSettingsSchema } from './attributes/attribute-settings.ts';
import { type UpstreamSettings, upstreamSettingsSchema } from './upstream/upstream-settings.ts';

export interface IdentitySettings {
  /** Where residents' browsers and the services reach Kiban, e.g. `https://id.city.example`. */
  publicOrigin?: string;
  /** Derives the pairwise-subject, cookie and key-sealing keys. Changing it changes every pairwise subject. */
  secret?: string;
  /** The providers people sign in with (see `UpstreamSettings`). */
  upstreams?: UpstreamSettings[];
  /** Each upstream's client secret, by upstream id. */
  upstreamSecrets?: Record<string, string>;
  /** How long a session opened through an upstream lasts; 8 hours when absent. */
  sessionHours?: number;
  /** How recent the current sign-in must be to link another method to the account; 10 minutes when absent. */
  linkFreshMinutes?: number;
}

export const settingsSchema = {
  type: 'object',
  properties: {
    publicOrigin: {
      type: 'string',
      pattern: '^https?://[^/?#]+$',
      description:
        'Origin of the public URL (scheme, host, port), no path: the issuer is <origin>/api/public/identity/oidc.',
    },
    secret: { type: 'string', minLength: 32, maxLength: 512, writeOnly: true },
    upstreams: upstreamSettingsSchema,
    upstreamSecrets: {
      type: 'object',
      writeOnly: true,
      additionalProperties: { type: 'string', minLength: 1, maxLength: 1000 },
    },
    sessionHours: { type: 'integer', minimum: 1, maximum: 24 },
    linkFreshMinutes: { type: 'integer', minimum: 1, maximum: 60 },
    ...attributeSourceSettingsSchema,
  },
  additionalProperties: false,
};

/** The settings the provider cannot run without, or a clear refusal naming what is missing. */
export function requireConfigured(
  settings: IdentitySettings,
): IdentitySettings & { publicOrigin: string; secret: string } {
  const missing = (['publicOrigin', 'secret'] as const).filter((name) => !settings[name]);
  if (missing.length > 0) {
    throw new PluginError(
      'identity.notConfigured',
      503,
      {
        ja: 'ID連携の設定（公開URLと秘密鍵）がまだされていません。管理者に連絡してください。',
        en: 'The identity provider is not configured yet (public origin and secret); contact an administrator.',
      },
      missing.map((name) => ({
        pointer: `/${name}`,
        code: 'identity.settingMissing',
        message: { ja: `設定 ${name} が必要です。`, en: `The setting ${name} is required.` },
      })),
    );
  }
  return settings as IdentitySettings & { publicOrigin: string; secret: string };
}
