import type { PluginContext } from '@kiban/sdk';
import { conversationFor, type Party } from '../conversations/access.ts';
import type { ConversationRow } from '../conversations/rows.ts';
import { messagesAfter } from '../conversations/store.ts';
import { conversationView } from '../conversations/view.ts';
import { isStaff, type Principal } from '../roles.ts';
import { findOperator, operatorView } from '../routing/operators.ts';

/**
 * One conversation with the messages after `afterSeq` (the catch-up after a reconnect). Staff
 * also get the notes, the handoffs and the consented profile; their read is audited.
 */
export async function readConversation(ctx: PluginContext, party: Party, id: string, afterSeq: number) {
  const conversation = await conversationFor(ctx, party, id);
  const base = {
    conversation: await conversationView(ctx, conversation),
    messages: await messagesAfter(ctx, id, afterSeq),
  };
  if (party.kind !== 'principal' || !isStaff(party.actor)) return base;
  await ctx.audit({
    actor: party.actor,
    action: 'contact-center.readConversation',
    recordId: id,
    details: { afterSeq, profileShared: conversation.consented_profile !== null },
  });
  const notes = await ctx.sql.query(
    'select author, body, at from operator_note where conversation_id = $1 order by at',
    [id],
  );
  const handoffs = await ctx.sql.query(
    'select from_tier as "from", to_tier as "to", queue, by_actor as "by", note, transcript_seq as "transcriptSeq", at from handoff where conversation_id = $1 order by at',
    [id],
  );
  return {
    ...base,
    profile: conversation.consented_profile,
    // The resident's principal id: the key of their CRM 360, which the console opens (and the CRM audits) on request.
    resident: conversation.resident,
    wrapUp: conversation.wrap_up ? { code: conversation.wrap_up, note: conversation.wrap_up_note } : null,
    notes: notes.rows,
    handoffs: handoffs.rows,
  };
}

/**
 * The console: the operator's own state, what waits in the queues they serve, their chats and
 * the ones still to be wrapped up.
 */
export async function consoleState(ctx: PluginContext, staff: Principal) {
  const operator = await findOperator(ctx, staff.id);
  const skills = operator?.skills ?? [];
  const waiting = await ctx.sql.query<ConversationRow>(
    `select c.* from conversation c join queue q on q.code = c.queue
     where c.status = 'queued' and q.skill = any($1::text[]) order by c.queued_at limit 100`,
    [skills],
  );
  const mine = await ctx.sql.query<ConversationRow>(
    "select * from conversation where status = 'assigned' and assigned_to = $1 order by assigned_at",
    [staff.id],
  );
  // Conversations the resident ended while the operator had them: still to be wrapped up.
  const toWrapUp = await ctx.sql.query<ConversationRow>(
    `select * from conversation where status = 'closed' and assigned_to = $1 and wrap_up is null
     order by closed_at desc limit 20`,
    [staff.id],
  );
  return {
    operator: operator ? operatorView(operator) : null,
    waiting: await Promise.all(waiting.rows.map((row) => conversationView(ctx, row))),
    mine: await Promise.all(mine.rows.map((row) => conversationView(ctx, row))),
    toWrapUp: await Promise.all(toWrapUp.rows.map((row) => conversationView(ctx, row))),
    /** Whether the CRM runs, so the console offers its resident 360. */
    crm: ctx.plugins.has('crm'),
  };
}
