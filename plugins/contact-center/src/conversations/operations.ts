import type { Actor, PluginContext } from '@kiban/sdk';
import type { Clock } from '../clock.ts';
import { forbidden } from '../errors.ts';
import { toPersonWithinHours } from '../hours/gate.ts';
import { countSend } from '../rate-limit.ts';
import { isStaff, SYSTEM } from '../roles.ts';
import { findOperator } from '../routing/operators.ts';
import { queueForConversation } from '../routing/queues.ts';
import { residentTurn } from '../tiers/resident-turn.ts';
import { conversationFor, type Party } from './access.ts';
import { emitToConversation } from './live.ts';
import type { Acknowledgement, NewMessage } from './messages.ts';
import type { ConversationRow } from './rows.ts';
import { appendTranslated } from './translated-message.ts';

/** The author kind a party writes as: the resident, or the staff member the conversation is assigned to. */
async function staffAuthor(ctx: PluginContext, actor: Actor, conversation: ConversationRow) {
  if (actor.kind !== 'principal' || conversation.assigned_to !== actor.id) throw forbidden();
  const operator = await findOperator(ctx, actor.id);
  return {
    kind: conversation.tier === 'department' ? 'department' : 'operator',
    id: actor.id,
    name: operator?.display_name ?? null,
  } as const;
}

/**
 * A message from either side. A resident's is rate-limited per conversation and goes through
 * tier 1 while the AI answers; a staff member's needs the conversation assigned to them.
 */
export async function send(
  ctx: PluginContext,
  clock: Clock,
  party: Party,
  input: NewMessage & { conversationId: string },
  asker: Actor,
): Promise<Acknowledgement> {
  const conversation = await conversationFor(ctx, party, input.conversationId);
  const message = { clientId: input.clientId, body: input.body, attachment: input.attachment };
  if (party.kind === 'principal' && isStaff(party.actor)) {
    return appendTranslated(ctx, conversation, await staffAuthor(ctx, party.actor, conversation), message, clock);
  }
  await countSend(ctx, clock, `conversation:${conversation.id}`);
  return residentTurn(ctx, conversation, clock, asker, message);
}

/** Typing notices are only sent, never stored in the transcript. */
export async function typing(ctx: PluginContext, party: Party, conversationId: string, isTyping: boolean) {
  const conversation = await conversationFor(ctx, party, conversationId);
  const side = party.kind === 'principal' && isStaff(party.actor) ? 'staff' : 'resident';
  await emitToConversation(ctx, conversation.id, 'typing', { side, typing: isTyping });
  return { sent: true };
}

/** A read mark: the side has read up to `seq`; it never moves back. */
export async function markRead(ctx: PluginContext, party: Party, conversationId: string, seq: number) {
  const conversation = await conversationFor(ctx, party, conversationId);
  const upTo = Math.min(seq, conversation.last_seq);
  const side = party.kind === 'principal' && isStaff(party.actor) ? 'staff' : 'resident';
  const principal = party.kind === 'principal' && party.actor.kind === 'principal' ? party.actor.id : 'anonymous';
  await ctx.sql.query(
    `insert into participant (conversation_id, principal, role, last_read_seq) values ($1, $2, $3, $4)
     on conflict (conversation_id, principal, role) do update
       set last_read_seq = greatest(participant.last_read_seq, excluded.last_read_seq)`,
    [conversation.id, principal, side === 'staff' ? conversation.tier : 'resident', upTo],
  );
  await emitToConversation(ctx, conversation.id, 'read', { side, seq: upTo });
  return { read: upTo };
}

/**
 * "Talk to a person": the conversation goes to the operator queue of its category with the
 * whole transcript; a signed-in resident who agrees shares their portal profile with it (the
 * read is audited with its purpose).
 */
export async function requestPerson(
  ctx: PluginContext,
  clock: Clock,
  party: Party,
  conversationId: string,
  shareProfile: boolean,
) {
  const conversation = await conversationFor(ctx, party, conversationId);
  if (conversation.tier !== 'ai') return conversation;
  const profile =
    shareProfile && conversation.resident
      ? await ctx.identity.profile(conversation.resident, {
          action: 'contact-center.shareProfile',
          details: { conversation: conversation.id },
        })
      : null;
  const actor = party.kind === 'principal' ? party.actor : SYSTEM;
  return toPersonWithinHours(ctx, clock, conversation.id, {
    queue: await queueForConversation(ctx, conversation.category, conversation.language),
    by: actor,
    consentedProfile: profile ? { ...profile } : null,
  });
}
