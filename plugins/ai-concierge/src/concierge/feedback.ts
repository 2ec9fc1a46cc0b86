import type { Actor, PluginContext } from '@kiban/sdk';
import { actorKey } from './conversations.ts';
import { conversationNotFound, turnNotFound } from './errors.ts';

export interface FeedbackInput {
  conversationId: string;
  /** The answer's place in the conversation, 1 for the first (`conversation.turns` of the answer). */
  turn: number;
  helpful: boolean;
}

/**
 * "Did this help?" on one answer of the asker's own conversation: stored with the turn (a
 * second rating replaces the first), shown with the traces for staff, and read by the FAQ
 * review as "did not help". Another principal's conversation is not found.
 */
export async function storeFeedback(
  ctx: PluginContext,
  actor: Actor,
  input: FeedbackInput,
): Promise<{ stored: true; helpful: boolean }> {
  const { rows } = await ctx.sql.query<{ turns: number }>(
    'SELECT turns FROM conversation WHERE id = $1 AND actor_key = $2',
    [input.conversationId, actorKey(actor)],
  );
  const conversation = rows[0];
  if (!conversation) throw conversationNotFound();
  if (input.turn > Number(conversation.turns)) throw turnNotFound();
  await ctx.sql.query(
    `INSERT INTO feedback (conversation_id, turn, helpful) VALUES ($1, $2, $3)
     ON CONFLICT (conversation_id, turn) DO UPDATE SET helpful = EXCLUDED.helpful, at = now()`,
    [input.conversationId, input.turn, input.helpful],
  );
  return { stored: true, helpful: input.helpful };
}
