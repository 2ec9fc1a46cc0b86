import type { Actor, PluginContext } from '@kiban/sdk';
import type { Clock } from '../clock.ts';
import { type Acknowledgement, appendMessage, type NewMessage } from '../conversations/messages.ts';
import type { ConversationRow } from '../conversations/rows.ts';
import { getConversation } from '../conversations/store.ts';
import { appendTranslated } from '../conversations/translated-message.ts';
import { toPersonWithinHours } from '../hours/gate.ts';
import { SYSTEM } from '../roles.ts';
import { queueForCategory } from '../routing/queues.ts';
import { answerAutomatically } from './first-tier.ts';

/**
 * A resident's message: stored and acknowledged first; then, while the AI tier answers, tier 1
 * replies (asked as `asker`, so it finds only public knowledge). When tier 1 cannot stand behind
 * an answer, the conversation goes to the operator queue of the category it detected.
 */
export async function residentTurn(
  ctx: PluginContext,
  clock: Clock,
  conversation: ConversationRow,
  asker: Actor,
  input: NewMessage,
): Promise<Acknowledgement> {
  const ack = await appendTranslated(
    ctx,
    conversation,
    { kind: 'resident', id: conversation.resident, name: null },
    input,
  );
  if (ack.duplicate || input.attachment || conversation.tier !== 'ai' || conversation.status !== 'bot') return ack;
  const reply = await answerAutomatically(ctx, asker, input.body, conversation.language);
  if (reply?.body) {
    await appendMessage(
      ctx,
      conversation.id,
      { kind: reply.author, id: null, name: null },
      { clientId: `tier1-${ack.message.seq}`, body: reply.body },
    );
  }
  if (reply?.answered) {
    if (reply.category) {
      await ctx.sql.query('update conversation set category = coalesce(category, $2) where id = $1', [
        conversation.id,
        reply.category,
      ]);
    }
    return ack;
  }
  const current = await getConversation(ctx, conversation.id);
  await toPersonWithinHours(ctx, clock, conversation.id, {
    queue: await queueForCategory(ctx, current.category),
    by: SYSTEM,
  });
  return ack;
}
