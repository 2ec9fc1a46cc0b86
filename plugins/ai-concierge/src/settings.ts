import type { JsonSchema, PluginContext } from '@kiban/sdk';
import type { ChatModel } from './llm/chat-model.ts';
import { OpenAiCompatibleModel } from './llm/openai-compatible.ts';

/** What administrators set for this environment (`kiban settings set ai-concierge`). */
export interface ConciergeSettings {
  /** An OpenAI-compatible endpoint, e.g. `https://llm.example.jp/v1`; with `model`, answers are written by it. */
  baseUrl?: string;
  model?: string;
  embeddingModel?: string;
  apiKey?: string;
  timeoutMs?: number;
  /** Prices per million tokens, for the cost of each conversation. */
  inputPricePerMillion?: number;
  outputPricePerMillion?: number;
  /** Below this coverage (0–1) the concierge declines and offers a person. */
  minimumScore?: number;
  rateLimit?: { requests: number; perSeconds: number };
  /** Where residents reach a person, shown whenever the concierge cannot answer. */
  contact?: { ja: string; en?: string };
  /** Kiban actions (`<plugin>.<action>`) the MCP server offers as tools, run as the token's principal. */
  mcpActions?: string[];
}

export const settingsSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    baseUrl: { type: 'string', pattern: '^https?://', maxLength: 500 },
    model: { type: 'string', minLength: 1, maxLength: 200 },
    embeddingModel: { type: 'string', minLength: 1, maxLength: 200 },
    apiKey: { type: 'string', minLength: 1, maxLength: 500, writeOnly: true },
    timeoutMs: { type: 'integer', minimum: 500, maximum: 120000 },
    inputPricePerMillion: { type: 'number', minimum: 0 },
    outputPricePerMillion: { type: 'number', minimum: 0 },
    minimumScore: { type: 'number', minimum: 0, maximum: 1 },
    rateLimit: {
      type: 'object',
      required: ['requests', 'perSeconds'],
      additionalProperties: false,
      properties: {
        requests: { type: 'integer', minimum: 1, maximum: 10000 },
        perSeconds: { type: 'integer', minimum: 1, maximum: 86400 },
      },
    },
    contact: {
      type: 'object',
      required: ['ja'],
      additionalProperties: false,
      properties: { ja: { type: 'string', maxLength: 500 }, en: { type: 'string', maxLength: 500 } },
    },
    mcpActions: {
      type: 'array',
      maxItems: 50,
      uniqueItems: true,
      items: { type: 'string', pattern: '^[a-z][a-z0-9-]*\\.[A-Za-z][A-Za-z0-9_-]*$', maxLength: 120 },
    },
  },
};

export const DEFAULTS = {
  timeoutMs: 15_000,
  minimumScore: 0.5,
  rateLimit: { requests: 20, perSeconds: 60 },
  contact: {
    ja: '市役所の代表窓口（コールセンター）にお問い合わせください。',
    en: 'Please contact the city office call centre.',
  },
};

export async function readSettings(ctx: PluginContext): Promise<ConciergeSettings> {
  return ctx.settings<ConciergeSettings>();
}

/** The configured model, or null: then the extractive answerer answers, and says so. */
export function configuredModel(settings: ConciergeSettings): ChatModel | null {
  if (!settings.baseUrl || !settings.model) return null;
  return new OpenAiCompatibleModel({
    baseUrl: settings.baseUrl,
    model: settings.model,
    embeddingModel: settings.embeddingModel,
    // A local gateway may need no key; the client requires a value.
    apiKey: settings.apiKey ?? 'none',
    timeoutMs: settings.timeoutMs ?? DEFAULTS.timeoutMs,
  });
}
