import type { Actor, PluginContext } from '@kiban/sdk';
import { type AuthorKind, SYSTEM } from '../roles.ts';

/** What tier 1 answered: the text and who it is from, or nothing it could stand behind. */
export interface AutomaticAnswer {
  answered: boolean;
  author: Extract<AuthorKind, 'ai' | 'faq'>;
  body: string;
  /** The category of the best match, which routes the conversation when a person takes over. */
  category: string | null;
  /** The language `body` is in (the contact centre's tags): the FAQ's is Japanese, the concierge says its own. */
  language: string;
}

interface ConciergeAnswer {
  status: 'answered' | 'declined' | 'refused';
  answer: string;
  language?: { answered?: string };
}

interface KnowledgeSearch {
  results: { title: string; category?: string; passage: { text: string }[] }[];
}

export const CONCIERGE = 'ai-concierge';
export const KNOWLEDGE = 'knowledge';

/** Whether a first tier runs at all: without the concierge and the knowledge base chats go straight to a person. */
export function firstTierAvailable(ctx: PluginContext): boolean {
  return ctx.plugins.has(CONCIERGE) || ctx.plugins.has(KNOWLEDGE);
}

/**
 * Tier 1: the AI concierge when it runs (its answer or its decline, which offers a person),
 * else the best FAQ of the knowledge base's smart search. Asked as `actor`, so it finds only
 * what the resident may read. Null when neither plugin runs.
 */
export async function answerAutomatically(
  ctx: PluginContext,
  actor: Actor,
  question: string,
  language: string,
): Promise<AutomaticAnswer | null> {
  const others = ctx.plugins;
  // The concierge knows the portal's tag of やさしい日本語; the conversation stores it as `ja-easy`.
  const lang = language === 'ja-easy' ? 'ja-x-easy' : language;
  if (others.has(CONCIERGE)) {
    const reply = await others.call<ConciergeAnswer>(
      CONCIERGE,
      'ask',
      { message: question.slice(0, 2000), language: lang },
      actor,
    );
    const answeredIn = reply.language?.answered ?? 'ja';
    const answered = reply.status === 'answered';
    return {
      answered,
      author: 'ai',
      body: reply.answer,
      category: answered ? null : await detectedCategory(ctx, question),
      language: answeredIn === 'ja-x-easy' ? 'ja-easy' : answeredIn,
    };
  }
  if (others.has(KNOWLEDGE)) {
    const found = await others.call<KnowledgeSearch>(
      KNOWLEDGE,
      'search',
      { query: question.slice(0, 2000), kinds: ['faq'], limit: 1 },
      actor,
    );
    const best = found.results[0];
    if (!best) return { answered: false, author: 'faq', body: '', category: null, language: 'ja' };
    const passage = best.passage.map((segment) => segment.text).join('');
    return {
      answered: true,
      author: 'faq',
      body: `${best.title}\n${passage}`,
      category: best.category ?? null,
      language: 'ja',
    };
  }
  return null;
}

/**
 * What a question the concierge declined is about, for routing only: the category of the best
 * FAQ in all the knowledge (asked as the system — a question it could not answer from what the
 * resident may read often matches staff knowledge). Only the category is kept, never shown to
 * the resident; null without the knowledge base or a match.
 */
async function detectedCategory(ctx: PluginContext, question: string): Promise<string | null> {
  if (!ctx.plugins.has(KNOWLEDGE)) return null;
  const found = await ctx.plugins.call<KnowledgeSearch>(
    KNOWLEDGE,
    'search',
    { query: question.slice(0, 2000), kinds: ['faq'], limit: 1 },
    SYSTEM,
  );
  return found.results[0]?.category ?? null;
}
