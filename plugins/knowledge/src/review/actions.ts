import type { ActionContribution } from '@kiban/sdk';
import { requireKnowledgeStaff } from './staff-reader.ts';

/** What a new FAQ draft's answer says until the editor writes it: it is a draft, never searched. */
export const ANSWER_TO_WRITE = {
  ja: '（回答を入力してください）',
  en: '(Write the answer here.)',
};

/**
 * The one-click paths of the zero-result review: a synonym group from a query that found
 * nothing, or an FAQ draft asking it. Both are written as the staff member (their role's
 * policy decides; the engine audits the record) and come back with the record's id.
 */
export const reviewActions: ActionContribution[] = [
  {
    name: 'addSynonym',
    label: { ja: '同義語を追加', en: 'Add a synonym group' },
    input: {
      type: 'object',
      required: ['words'],
      additionalProperties: false,
      properties: {
        words: {
          type: 'array',
          minItems: 2,
          maxItems: 20,
          uniqueItems: true,
          items: { type: 'string', minLength: 1, maxLength: 100, pattern: '^[^,、，]+$' },
        },
      },
    },
    handler: async (input, ctx) => {
      requireKnowledgeStaff(ctx.actor);
      const words = (input as { words: string[] }).words.map((word) => word.trim()).filter(Boolean);
      const record = await ctx.data(ctx.actor).create('KnowledgeSynonym', { words: words.join('、') });
      return { entity: 'KnowledgeSynonym', id: String(record.id), words };
    },
  },
  {
    name: 'draftFaq',
    label: { ja: 'FAQ の下書きを作成', en: 'Draft an FAQ' },
    input: {
      type: 'object',
      required: ['question'],
      additionalProperties: false,
      properties: {
        question: { type: 'string', minLength: 1, maxLength: 500 },
        language: { enum: ['ja', 'en'] },
      },
    },
    handler: async (input, ctx) => {
      requireKnowledgeStaff(ctx.actor);
      const { question, language } = input as { question: string; language?: 'ja' | 'en' };
      const record = await ctx.data(ctx.actor).create('KnowledgeFaq', {
        question: question.trim(),
        answer: ANSWER_TO_WRITE[language ?? 'ja'],
        classification: 'public',
      });
      return { entity: 'KnowledgeFaq', id: String(record.id) };
    },
  },
];
