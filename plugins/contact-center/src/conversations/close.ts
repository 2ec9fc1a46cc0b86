import type { Actor, PluginContext } from '@kiban/sdk';
import type { Clock } from '../clock.ts';
import type { WrapUp } from '../console/wrap-up.ts';
import { SYSTEM } from '../roles.ts';
import { releaseSeat } from '../routing/assign.ts';
import { CONSOLE_ROOM, emitToConversation, emitToStaff } from './live.ts';
import type { ConversationRow } from './rows.ts';
import { answeredBy, lockConversation } from './store.ts';

/**
 * Ends a conversation. A resident who leaves while waiting abandons it (counted in the
 * abandonment rate); otherwise it is closed and the operator's seat is freed. The staff
 * member's wrap-up is kept with it in the same transaction — also on a conversation the
 * resident already ended, which is how an operator wraps one up afterwards.
 */
export function closeConversation(
  ctx: PluginContext,
  clock: Clock,
  conversationId: string,
  by: Actor,
  wrapUp?: WrapUp,
): Promise<ConversationRow> {
  return ctx.transaction(SYSTEM, async () => {
    const conversation = await lockConversation(ctx, conversationId);
    const wrapUpColumns = [
      wrapUp?.code ?? null,
      wrapUp?.note ?? null,
      wrapUp && by.kind === 'principal' ? by.id : null,
    ];
    if (conversation.status === 'closed' || conversation.status === 'abandoned') {
      if (!wrapUp || conversation.wrap_up) return conversation;
      const { rows } = await ctx.sql.query<ConversationRow>(
        'update conversation set wrap_up = $2, wrap_up_note = $3, wrapped_up_by = $4 where id = $1 returning *',
        [conversationId, ...wrapUpColumns],
      );
      return rows[0] ?? conversation;
    }
    const status = conversation.status === 'queued' ? 'abandoned' : 'closed';
    const { rows } = await ctx.sql.query<ConversationRow>(
      `update conversation set status = $2, closed_at = $6,
         wrap_up = coalesce($3, wrap_up), wrap_up_note = coalesce($4, wrap_up_note), wrapped_up_by = coalesce($5, wrapped_up_by)
       where id = $1 returning *`,
      [conversationId, status, ...wrapUpColumns, clock()],
    );
    if (conversation.assigned_to) await releaseSeat(ctx, conversation.assigned_to);
    const ended = rows[0] ?? conversation;
    await ctx.audit({
      actor: by,
      action: 'contact-center.close',
      recordId: conversationId,
      details: { status, wrapUp: wrapUp?.code ?? null },
    });
    await emitToConversation(ctx, conversationId, 'answeredBy', await answeredBy(ctx, ended));
    await emitToStaff(ctx, CONSOLE_ROOM, 'queueChanged', { queue: conversation.queue });
    return ended;
  });
}
