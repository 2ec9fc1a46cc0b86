import type { Actor, PluginContext } from '@kiban/sdk';
import { SYSTEM } from '../roles.ts';
import { releaseSeat } from '../routing/assign.ts';
import { CONSOLE_ROOM, emitToConversation, emitToStaff } from './live.ts';
import type { ConversationRow } from './rows.ts';
import { answeredBy, lockConversation } from './store.ts';

/**
 * Ends a conversation. A resident who leaves while waiting abandons it (counted in the
 * abandonment rate); otherwise it is closed and the operator's seat is freed.
 */
export function closeConversation(ctx: PluginContext, conversationId: string, by: Actor): Promise<ConversationRow> {
  return ctx.transaction(SYSTEM, async () => {
    const conversation = await lockConversation(ctx, conversationId);
    if (conversation.status === 'closed' || conversation.status === 'abandoned') return conversation;
    const status = conversation.status === 'queued' ? 'abandoned' : 'closed';
    const { rows } = await ctx.sql.query<ConversationRow>(
      'update conversation set status = $2, closed_at = now() where id = $1 returning *',
      [conversationId, status],
    );
    if (conversation.assigned_to) await releaseSeat(ctx, conversation.assigned_to);
    const ended = rows[0] ?? conversation;
    await ctx.audit({ actor: by, action: 'contact-center.close', recordId: conversationId, details: { status } });
    await emitToConversation(ctx, conversationId, 'answeredBy', await answeredBy(ctx, ended));
    await emitToStaff(ctx, CONSOLE_ROOM, 'queueChanged', { queue: conversation.queue });
    return ended;
  });
}
