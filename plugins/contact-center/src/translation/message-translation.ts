import type { PluginContext } from '@kiban/sdk';
import type { AuthorKind } from '../roles.ts';
import { configuredTranslator } from './settings.ts';
import {
  CONVERSATION_LANGUAGES,
  type ConversationLanguage,
  TranslationUnavailable,
  type UnavailableReason,
} from './translation-port.ts';

/**
 * A message's translation for the other side, stored beside the original. `translated` holds
 * the text and who made it; `notConfigured` and `failed` hold no text — the original is
 * delivered as written, and both sides are told it is untranslated, never shown it as if it
 * were a translation.
 */
export interface TranslationView {
  language: ConversationLanguage;
  status: 'translated' | 'notConfigured' | 'failed';
  body: string | null;
  adapter: string;
  model: string | null;
  failure: UnavailableReason | null;
}

/** Staff read and write Japanese; やさしい日本語 is Japanese they read as it is. */
const STAFF_READS = new Set<string>(['ja', 'ja-easy']);

export function conversationLanguage(value: string): ConversationLanguage {
  return (CONVERSATION_LANGUAGES as readonly string[]).includes(value) ? (value as ConversationLanguage) : 'ja';
}

/**
 * Which way a message needs translating, or null: a resident's (written in the conversation's
 * language) into Japanese unless staff read it as it is; everything else the resident reads —
 * staff replies, the AI's and the FAQ's answers, system lines — from the language it was
 * written in into the conversation's, unless it already is in it.
 */
export function translationDirection(
  author: AuthorKind,
  written: ConversationLanguage,
  conversation: ConversationLanguage,
): { from: ConversationLanguage; to: ConversationLanguage } | null {
  if (author === 'resident') return STAFF_READS.has(written) ? null : { from: written, to: 'ja' };
  return written === conversation ? null : { from: written, to: conversation };
}

/**
 * Translates a message for the other side through the configured port. Never throws for the
 * endpoint's sake: a timeout, an error status or garbage becomes a `failed` translation (the
 * reason logged, never the text or the key), so the message itself is always delivered.
 */
export async function translateForOtherSide(
  ctx: PluginContext,
  author: AuthorKind,
  written: ConversationLanguage,
  conversation: ConversationLanguage,
  body: string,
): Promise<TranslationView | null> {
  const direction = translationDirection(author, written, conversation);
  if (!direction) return null;
  const port = await configuredTranslator(ctx);
  try {
    const outcome = await port.translate(body, direction.from, direction.to);
    if (outcome.status === 'notConfigured')
      return {
        language: direction.to,
        status: 'notConfigured',
        body: null,
        adapter: 'none',
        model: null,
        failure: null,
      };
    return {
      language: direction.to,
      status: 'translated',
      body: outcome.text,
      adapter: outcome.adapter,
      model: outcome.model,
      failure: null,
    };
  } catch (error) {
    if (!(error instanceof TranslationUnavailable)) throw error;
    ctx.logger.warn('a message was delivered untranslated', {
      adapter: port.adapter,
      reason: error.reason,
      detail: error.message,
    });
    return {
      language: direction.to,
      status: 'failed',
      body: null,
      adapter: port.adapter,
      model: null,
      failure: error.reason,
    };
  }
}
