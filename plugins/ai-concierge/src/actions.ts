import type { ActionContribution } from '@kiban/sdk';
import { type AskInput, ask } from './concierge/ask.ts';
import { staffOnly } from './concierge/errors.ts';
import type { IndexedPassage } from './retrieval/interim-index.ts';
import type { StoredPassageRetrieval } from './retrieval/stored-retrieval.ts';
import { readSettings } from './settings.ts';

export const suggestInputSchema = {
  type: 'object',
  required: ['inquiry'],
  additionalProperties: false,
  properties: {
    inquiry: { type: 'string', minLength: 1, maxLength: 4000, pattern: '\\S' },
    language: { enum: ['ja', 'en'] },
  },
};

export const askInputSchema = {
  type: 'object',
  required: ['message'],
  additionalProperties: false,
  properties: {
    message: { type: 'string', minLength: 1, maxLength: 2000, pattern: '\\S' },
    conversationId: { type: 'string', pattern: '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' },
    language: { enum: ['ja', 'en'] },
  },
};

const passageSchema = {
  type: 'object',
  required: ['id', 'title', 'text', 'classification'],
  additionalProperties: false,
  properties: {
    id: { type: 'string', minLength: 1, maxLength: 200 },
    title: { type: 'string', minLength: 1, maxLength: 500 },
    text: { type: 'string', maxLength: 20000 },
    url: { type: 'string', pattern: '^https?://', maxLength: 2000 },
    classification: { enum: ['public', 'staff', 'confidential'] },
    department: { type: 'string', maxLength: 200 },
  },
};

export const importInputSchema = {
  type: 'object',
  required: ['passages'],
  additionalProperties: false,
  properties: { passages: { type: 'array', minItems: 1, maxItems: 1000, items: passageSchema } },
};

/**
 * `ai-concierge.ask` for any signed-in principal; `ai-concierge.suggest` for staff (an answer
 * draft for an inquiry, from the knowledge the staff member may read, nothing stored); and
 * `ai-concierge.importPassages` for its editors.
 */
export function conciergeActions(retrieval: () => StoredPassageRetrieval): ActionContribution[] {
  return [
    {
      name: 'ask',
      label: { ja: 'コンシェルジュに質問する', en: 'Ask the concierge' },
      input: askInputSchema,
      handler: async (input, ctx) =>
        ask({ ctx, retrieval: retrieval(), settings: await readSettings(ctx) }, ctx.actor, input as AskInput),
    },
    {
      name: 'suggest',
      label: { ja: '回答案を出す', en: 'Suggest an answer' },
      input: suggestInputSchema,
      handler: async (input, ctx) => {
        if (ctx.actor.kind !== 'principal' || ctx.actor.principalKind !== 'staff') throw staffOnly();
        const { inquiry, language } = input as { inquiry: string; language?: 'ja' | 'en' };
        const settings = await readSettings(ctx);
        const {
          conversation: _none,
          conversationId: _unused,
          ...draft
        } = await ask({ ctx, retrieval: retrieval(), settings, record: false }, ctx.actor, {
          message: inquiry,
          language,
        });
        return draft;
      },
    },
    {
      name: 'importPassages',
      label: { ja: 'パッセージの取り込み', en: 'Import passages' },
      input: importInputSchema,
      roles: ['concierge-editor'],
      handler: async (input, ctx) => {
        const { passages } = input as { passages: IndexedPassage[] };
        const imported = await retrieval().import(passages);
        await ctx.audit({ actor: ctx.actor, action: 'ai-concierge.importPassages', details: { count: imported } });
        return { imported };
      },
    },
  ];
}
