import type { PluginContext } from '@kiban/sdk';
import { CONSOLE_ROOM, emitToConversation, emitToStaff } from '../conversations/live.ts';
import type { ConversationRow } from '../conversations/rows.ts';
import { answeredBy } from '../conversations/store.ts';
import { SYSTEM } from '../roles.ts';

/** An operator whose console has not been heard from for this long is gone (closed the browser). */
export const GRACE_SECONDS = 90;

/**
 * Puts the chats of operators not seen within the grace period back at the head of their
 * queue (their original queue time is kept), marks the operators away and frees their seats.
 * Nothing of the transcript is lost: only the assignment changes.
 */
export async function reclaimFromGoneOperators(ctx: PluginContext, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - GRACE_SECONDS * 1000);
  const { rows } = await ctx.sql.query<ConversationRow>(
    `with gone as (
       update operator set presence = 'away', active = 0
       where presence <> 'away' and last_seen_at < $1 returning principal
     )
     update conversation c set status = 'queued', assigned_to = null, assigned_at = null
     from gone where c.assigned_to = gone.principal and c.status = 'assigned'
     returning c.*`,
    [cutoff],
  );
  for (const conversation of rows) {
    await ctx.audit({
      actor: SYSTEM,
      action: 'contact-center.reclaim',
      recordId: conversation.id,
      details: { queue: conversation.queue },
    });
    await emitToConversation(ctx, conversation.id, 'answeredBy', await answeredBy(ctx, conversation));
  }
  if (rows.length > 0) await emitToStaff(ctx, CONSOLE_ROOM, 'queueChanged', {});
  return rows.length;
}
