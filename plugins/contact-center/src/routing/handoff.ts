import type { Actor, PluginContext } from '@kiban/sdk';
import type { Clock } from '../clock.ts';
import { CONSOLE_ROOM, emitToConversation, emitToStaff } from '../conversations/live.ts';
import type { ConversationRow, Tier } from '../conversations/rows.ts';
import { answeredBy, lockConversation } from '../conversations/store.ts';
import { systemLine } from '../conversations/translated-message.ts';
import { closed } from '../errors.ts';
import { SYSTEM } from '../roles.ts';
import { releaseSeat } from './assign.ts';
import type { QueueRow } from './queues.ts';

export interface HandoffInput {
  queue: QueueRow;
  by: Actor;
  note?: string;
  /** The resident's profile as they agreed to share it with whoever answers next. */
  consentedProfile?: Record<string, unknown> | null;
}

const TIER_LINE: Record<Tier, string> = {
  ai: 'AI がお答えします。',
  operator: 'オペレーターにおつなぎします。順番にご案内しますので、このままお待ちください。',
  department: '担当課の職員におつなぎします。このままお待ちください。',
};

/**
 * Puts the conversation in a queue — from the AI tier ("talk to a person"), or as a transfer
 * from an operator to another queue or a department. The whole transcript stays with it (the
 * handoff row records up to which message the next person received) and so does the
 * resident's consented profile; the seat of the operator handing over is freed. Audited.
 */
export async function handOff(
  ctx: PluginContext,
  clock: Clock,
  conversationId: string,
  input: HandoffInput,
): Promise<ConversationRow> {
  const at = clock();
  const moved = await ctx.transaction(SYSTEM, async () => {
    const conversation = await lockConversation(ctx, conversationId);
    if (conversation.status === 'closed' || conversation.status === 'abandoned') throw closed();
    const { rows } = await ctx.sql.query<ConversationRow>(
      `update conversation set status = 'queued', tier = $2, queue = $3, assigned_to = null, assigned_at = null,
         queued_at = $5, sla_breached_at = null, awaiting_reply_since = null,
         consented_profile = coalesce($4::jsonb, consented_profile)
       where id = $1 returning *`,
      [
        conversationId,
        input.queue.tier,
        input.queue.code,
        input.consentedProfile ? JSON.stringify(input.consentedProfile) : null,
        at,
      ],
    );
    const queued = rows[0];
    if (!queued) throw closed();
    if (conversation.assigned_to) {
      await releaseSeat(ctx, conversation.assigned_to);
      await ctx.sql.query(
        'update participant set left_at = now() where conversation_id = $1 and principal = $2 and left_at is null',
        [conversationId, conversation.assigned_to],
      );
    }
    const by = input.by.kind === 'principal' ? input.by.id : 'system';
    await ctx.sql.query(
      `insert into handoff (conversation_id, from_tier, to_tier, queue, by_actor, note, transcript_seq)
       values ($1, $2, $3, $4, $5, $6, $7)`,
      [conversationId, conversation.tier, input.queue.tier, input.queue.code, by, input.note ?? null, queued.last_seq],
    );
    if (input.note) {
      await ctx.sql.query('insert into operator_note (conversation_id, author, body) values ($1, $2, $3)', [
        conversationId,
        by,
        input.note,
      ]);
    }
    await ctx.audit({
      actor: input.by,
      action: 'contact-center.handoff',
      recordId: conversationId,
      details: {
        from: conversation.tier,
        to: input.queue.tier,
        queue: input.queue.code,
        transcriptMessages: queued.last_seq,
        profileShared: queued.consented_profile !== null,
      },
    });
    await emitToConversation(ctx, conversationId, 'answeredBy', await answeredBy(ctx, queued));
    await emitToStaff(ctx, CONSOLE_ROOM, 'queueChanged', { queue: input.queue.code });
    return queued;
  });
  await systemLine(
    ctx,
    clock,
    conversationId,
    `handoff-${moved.last_seq}-${input.queue.code}`,
    TIER_LINE[input.queue.tier],
  );
  return moved;
}
