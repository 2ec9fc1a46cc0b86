import { type PluginContext, PluginError } from '@kiban/sdk';

/**
 * Per environment. `publicOrigin` makes the issuer (`<publicOrigin>/api/public/citizen-card`),
 * which every verifier checks; `keySecret` seals the city's private signing keys at rest.
 */
export const SETTINGS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    publicOrigin: { type: 'string', format: 'uri', pattern: '^https?://[^/]+$' },
    keySecret: { type: 'string', minLength: 32, maxLength: 200, writeOnly: true },
  },
};

export interface CardSettings {
  publicOrigin: string;
  keySecret: string;
}

export const PUBLIC_PATH = '/api/public/citizen-card';

export async function settingsOf(ctx: PluginContext): Promise<CardSettings> {
  const settings = await ctx.settings<Partial<CardSettings>>();
  const missing = (['publicOrigin', 'keySecret'] as const).filter((name) => !settings[name]);
  if (missing.length > 0) {
    throw new PluginError('citizenCard.notConfigured', 503, {
      ja: `デジタル市民カードの設定（${missing.join(', ')}）がまだありません。管理者に連絡してください。`,
      en: `The citizen card is not configured yet (${missing.join(', ')}). Contact the administrator.`,
    });
  }
  return settings as CardSettings;
}

export function issuerOf(settings: CardSettings): string {
  return `${settings.publicOrigin}${PUBLIC_PATH}`;
}

export function statusListUriOf(settings: CardSettings): string {
  return `${issuerOf(settings)}/status-list`;
}
