import type { PluginContext } from '@kiban/sdk';
import type { Clock } from '../clock.ts';
import {
  conversationLanguage,
  translateForOtherSide,
  translationDirection,
} from '../translation/message-translation.ts';
import { type Acknowledgement, type Author, appendMessage, type NewMessage } from './messages.ts';
import type { ConversationRow } from './rows.ts';
import { getConversation } from './store.ts';

/**
 * A message with the language it is written in and, when the two sides read different
 * languages, its translation for the other side: a resident's writes in the conversation's
 * language; staff, the FAQ and system lines in Japanese; the AI in the language it says it
 * answered in (`input.language`). The endpoint is called before the conversation's row is
 * locked (a slow translator never holds up the other side's messages), and not at all for a
 * client id already stored (a resend after a lost answer), an attachment's description or an
 * ended conversation. Only a message that needs a translation asks whether its client id is
 * stored: for the others `appendMessage` finds that out under the lock anyway.
 */
export async function appendTranslated(
  ctx: PluginContext,
  conversation: ConversationRow,
  author: Author,
  input: NewMessage,
  clock: Clock,
): Promise<Acknowledgement> {
  const language = conversationLanguage(conversation.language);
  const written = author.kind === 'resident' ? language : conversationLanguage(input.language ?? 'ja');
  // An ended conversation takes no message (`appendMessage` refuses it): nothing to translate.
  const ended = conversation.status === 'closed' || conversation.status === 'abandoned';
  const translatable = !input.attachment && !ended && translationDirection(author.kind, written, language) !== null;
  const translation =
    translatable && !(await isStored(ctx, conversation.id, input.clientId))
      ? await translateForOtherSide(ctx, author.kind, written, language, input.body)
      : null;
  return appendMessage(ctx, conversation.id, author, { ...input, language: written, translation }, clock());
}

/**
 * A system line in the transcript (a greeting, a handoff, the hours): written in Japanese and,
 * for a resident who reads another language, translated for them like a staff reply.
 */
export async function systemLine(
  ctx: PluginContext,
  clock: Clock,
  conversationId: string,
  clientId: string,
  body: string,
) {
  const conversation = await getConversation(ctx, conversationId);
  return appendTranslated(ctx, conversation, { kind: 'system', id: null, name: null }, { clientId, body }, clock);
}

async function isStored(ctx: PluginContext, conversationId: string, clientId: string): Promise<boolean> {
  const { rows } = await ctx.sql.query('select 1 from message where conversation_id = $1 and client_id = $2', [
    conversationId,
    clientId,
  ]);
  return rows.length > 0;
}
