import { type PluginContext, PluginError } from '@kiban/sdk';
import { komojuProvider } from './provider/komoju.ts';
import type { PaymentProvider } from './provider/port.ts';

/**
 * Per environment. Secrets (`writeOnly`) are sealed by the engine. `providerBaseUrl` is
 * KOMOJU's API in production; in development it names the sandbox provider's address.
 */
export const SETTINGS_SCHEMA = {
  type: 'object',
  additionalProperties: false,
  properties: {
    providerBaseUrl: { type: 'string', format: 'uri', pattern: '^https?://' },
    secretKey: { type: 'string', minLength: 8, maxLength: 200, writeOnly: true },
    webhookSecret: { type: 'string', minLength: 8, maxLength: 200, writeOnly: true },
    qrSigningKey: { type: 'string', minLength: 32, maxLength: 200, writeOnly: true },
    returnUrl: { type: 'string', format: 'uri', pattern: '^https?://' },
  },
};

export interface PaymentsSettings {
  providerBaseUrl?: string;
  secretKey?: string;
  webhookSecret?: string;
  qrSigningKey?: string;
  /** Where the provider sends the resident back; `{order}` is replaced by the order id. */
  returnUrl?: string;
}

const KOMOJU = 'https://komoju.com';

function notConfigured(what: string): PluginError {
  return new PluginError('payments.notConfigured', 503, {
    ja: `決済の設定（${what}）がまだありません。管理者に連絡してください。`,
    en: `Payments are not configured yet (${what}). Contact the administrator.`,
  });
}

export async function providerOf(ctx: PluginContext): Promise<PaymentProvider> {
  const settings = await ctx.settings<PaymentsSettings>();
  if (!settings.secretKey || !settings.webhookSecret) throw notConfigured('secretKey, webhookSecret');
  return komojuProvider({
    baseUrl: settings.providerBaseUrl ?? KOMOJU,
    secretKey: settings.secretKey,
    webhookSecret: settings.webhookSecret,
  });
}

export async function qrKeyOf(ctx: PluginContext): Promise<string> {
  const settings = await ctx.settings<PaymentsSettings>();
  if (!settings.qrSigningKey) throw notConfigured('qrSigningKey');
  return settings.qrSigningKey;
}

export async function returnUrlOf(ctx: PluginContext): Promise<string> {
  const settings = await ctx.settings<PaymentsSettings>();
  return settings.returnUrl ?? '/portal';
}
