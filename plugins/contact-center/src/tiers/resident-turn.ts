import type { Actor, PluginContext } from '@kiban/sdk';
import type { Clock } from '../clock.ts';
import type { Acknowledgement, NewMessage } from '../conversations/messages.ts';
import type { ConversationRow } from '../conversations/rows.ts';
import { appendTranslated, systemLine } from '../conversations/translated-message.ts';
import { answerAutomatically } from './first-tier.ts';

/** Said when tier 1 found nothing to answer with and said nothing itself (the smart FAQ has no decline of its own). */
export const PERSON_OFFER =
  'お答えできる情報が見つかりませんでした。「職員と話したい」を押すと、これまでの会話ごと職員におつなぎします。';

/**
 * A resident's message: stored and acknowledged first; then, while the AI tier answers, tier 1
 * replies (asked as `asker`, so it finds only public knowledge). The category of its best match
 * is kept, so that "talk to a person" routes to the right queue. When tier 1 cannot stand behind
 * an answer it says so and offers a person; the conversation waits for the resident to ask
 * (`requestPerson`), which is where they choose whether to share their profile — handing over
 * unasked would take that choice from them.
 */
export async function residentTurn(
  ctx: PluginContext,
  conversation: ConversationRow,
  clock: Clock,
  asker: Actor,
  input: NewMessage,
): Promise<Acknowledgement> {
  const ack = await appendTranslated(
    ctx,
    conversation,
    { kind: 'resident', id: conversation.resident, name: null },
    input,
    clock,
  );
  if (ack.duplicate || input.attachment || conversation.tier !== 'ai' || conversation.status !== 'bot') return ack;
  const reply = await answerAutomatically(ctx, asker, input.body, conversation.language);
  if (!reply) return ack;
  const seq = ack.message.seq;
  if (reply.body) {
    // Translated for the resident, like a staff reply, when it is not in their language.
    await appendTranslated(
      ctx,
      conversation,
      { kind: reply.author, id: null, name: null },
      { clientId: `tier1-${seq}`, body: reply.body, language: reply.language },
      clock,
    );
  } else await systemLine(ctx, clock, conversation.id, `tier1-offer-${seq}`, PERSON_OFFER);
  if (reply.category) {
    await ctx.sql.query('update conversation set category = coalesce(category, $2) where id = $1', [
      conversation.id,
      reply.category,
    ]);
  }
  return ack;
}
