import type { ActionContext, ActionContribution } from '@kiban/sdk';
import { askDependencies } from './agents/ask-dependencies.ts';
import { type AskInput, ask } from './concierge/ask.ts';
import { staffOnly } from './concierge/errors.ts';
import { type FeedbackInput, storeFeedback } from './concierge/feedback.ts';
import { LANGUAGES, type Language } from './concierge/languages.ts';
import { pastAnswers } from './concierge/past-answers.ts';
import { faqSignalActions } from './faq-signals/faq-signal-actions.ts';
import { type HandoffInput, handOffToPerson } from './handoff/contact-center.ts';
import { RESIDENT_KINDS, STAFF_KINDS } from './retrieval/knowledge-retrieval.ts';
import { knowledgeSource } from './retrieval/knowledge-source.ts';
import { readSettings } from './settings.ts';

export const suggestInputSchema = {
  type: 'object',
  required: ['inquiry'],
  additionalProperties: false,
  properties: {
    inquiry: { type: 'string', minLength: 1, maxLength: 4000, pattern: '\\S' },
    language: { enum: [...LANGUAGES] },
  },
};

const UUID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';

export const handoffInputSchema = {
  type: 'object',
  required: ['conversationId', 'shareTranscript'],
  additionalProperties: false,
  properties: {
    conversationId: { type: 'string', pattern: UUID },
    shareTranscript: { type: 'boolean' },
    language: { enum: [...LANGUAGES] },
  },
};

export const feedbackInputSchema = {
  type: 'object',
  required: ['conversationId', 'turn', 'helpful'],
  additionalProperties: false,
  properties: {
    conversationId: { type: 'string', pattern: UUID },
    turn: { type: 'integer', minimum: 1, maximum: 100000 },
    helpful: { type: 'boolean' },
  },
};

export const askInputSchema = {
  type: 'object',
  required: ['message'],
  additionalProperties: false,
  properties: {
    message: { type: 'string', minLength: 1, maxLength: 2000, pattern: '\\S' },
    conversationId: { type: 'string', pattern: UUID },
    language: { enum: [...LANGUAGES] },
    /** A published agent (kind `agent`) to answer instead of the concierge's own settings. */
    agent: { type: 'string', pattern: '^[a-z](?:-?[a-z0-9]){0,62}$' },
  },
};

function requireStaff(ctx: ActionContext): void {
  if (ctx.actor.kind !== 'principal' || ctx.actor.principalKind !== 'staff') throw staffOnly();
}

/**
 * `ai-concierge.ask` for any signed-in principal; `ai-concierge.staffAsk`, the staff concierge
 * over manuals, rules and staff articles (staff only, conversations kept like residents');
 * `ai-concierge.suggest` for staff (an answer draft for an inquiry and the answers given to like
 * inquiries in the CRM, nothing stored);
 * `ai-concierge.handoff` for a resident (the conversation to a person at the contact centre,
 * its transcript only with `shareTranscript`); `ai-concierge.feedback`, "did this help?" on an
 * answer of one's own conversation; `maskTexts` and `faqSignals` for the knowledge plugin's FAQ
 * drafting.
 */
export const conciergeActions: ActionContribution[] = [
  {
    name: 'ask',
    label: { ja: 'コンシェルジュに質問する', en: 'Ask the concierge' },
    input: askInputSchema,
    handler: async (input, ctx) => {
      const question = input as AskInput;
      return ask(await askDependencies(ctx, ctx.actor, question.agent, RESIDENT_KINDS), ctx.actor, question);
    },
  },
  {
    name: 'staffAsk',
    label: { ja: '職員向けコンシェルジュに質問する', en: 'Ask the staff concierge' },
    input: askInputSchema,
    handler: async (input, ctx) => {
      requireStaff(ctx);
      const question = input as AskInput;
      return ask(await askDependencies(ctx, ctx.actor, question.agent, STAFF_KINDS), ctx.actor, question);
    },
  },
  {
    name: 'suggest',
    label: { ja: '回答案を出す', en: 'Suggest an answer' },
    input: suggestInputSchema,
    handler: async (input, ctx) => {
      requireStaff(ctx);
      const { inquiry, language } = input as { inquiry: string; language?: Language };
      const settings = await readSettings(ctx);
      const {
        conversation: _none,
        conversationId: _unused,
        ...draft
      } = await ask({ ctx, retrieval: knowledgeSource(ctx), settings, record: false }, ctx.actor, {
        message: inquiry,
        language,
      });
      return { ...draft, pastAnswers: await pastAnswers(ctx, inquiry) };
    },
  },
  {
    name: 'handoff',
    label: { ja: '担当者につなぐ', en: 'Connect to a person' },
    input: handoffInputSchema,
    handler: async (input, ctx) => handOffToPerson(ctx, ctx.actor, input as HandoffInput),
  },
  {
    name: 'feedback',
    label: { ja: '回答が役に立ったかを伝える', en: 'Rate an answer' },
    input: feedbackInputSchema,
    handler: async (input, ctx) => storeFeedback(ctx, ctx.actor, input as FeedbackInput),
  },
  ...faqSignalActions,
];
