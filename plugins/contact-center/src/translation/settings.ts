import type { JsonSchema, PluginContext } from '@kiban/sdk';
import { DeepLTranslator } from './deepl.ts';
import { OpenAiCompatibleTranslator } from './openai-compatible.ts';
import { NO_TRANSLATION, type TranslationPort } from './translation-port.ts';

/**
 * What administrators set for this environment (`kiban settings set contact-center`). Flat,
 * because the engine encrypts top-level `writeOnly` properties: the key is a secret, stored
 * encrypted and never shown again.
 */
export interface ContactCenterSettings {
  /** `none` (the default: messages are delivered as written, marked untranslated), `openai-compatible` or `deepl`. */
  translationAdapter?: 'none' | 'openai-compatible' | 'deepl';
  /** e.g. `https://llm.example.jp/v1`; for `deepl` the API's origin, e.g. `https://api.deepl.com`. */
  translationBaseUrl?: string;
  translationModel?: string;
  translationApiKey?: string;
  translationTimeoutMs?: number;
}

export const settingsSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    translationAdapter: { enum: ['none', 'openai-compatible', 'deepl'] },
    translationBaseUrl: { type: 'string', pattern: '^https?://', maxLength: 500 },
    translationModel: { type: 'string', minLength: 1, maxLength: 200 },
    translationApiKey: { type: 'string', minLength: 1, maxLength: 500, writeOnly: true },
    translationTimeoutMs: { type: 'integer', minimum: 500, maximum: 60000 },
  },
};

/** Long enough for a model to translate a 4,000-character message, short enough for a chat. */
export const DEFAULT_TRANSLATION_TIMEOUT_MS = 10_000;

/**
 * The translator the settings describe. `openai-compatible` without an endpoint or a model, or
 * `deepl` without an endpoint or a key, is not a translator: it is `none`, which says so,
 * rather than a request bound to fail.
 */
export function translatorFrom(settings: ContactCenterSettings): TranslationPort {
  const { translationAdapter, translationBaseUrl, translationModel, translationApiKey } = settings;
  const timeoutMs = settings.translationTimeoutMs ?? DEFAULT_TRANSLATION_TIMEOUT_MS;
  if (translationAdapter === 'deepl' && translationBaseUrl && translationApiKey)
    return new DeepLTranslator({ baseUrl: translationBaseUrl, apiKey: translationApiKey, timeoutMs });
  if (translationAdapter !== 'openai-compatible' || !translationBaseUrl || !translationModel) return NO_TRANSLATION;
  return new OpenAiCompatibleTranslator({
    baseUrl: translationBaseUrl,
    model: translationModel,
    apiKey: settings.translationApiKey,
    timeoutMs,
  });
}

export async function configuredTranslator(ctx: PluginContext): Promise<TranslationPort> {
  return translatorFrom(await ctx.settings<ContactCenterSettings>());
}
