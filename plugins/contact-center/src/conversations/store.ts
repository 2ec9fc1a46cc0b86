import type { PluginContext } from '@kiban/sdk';
import { notFound } from '../errors.ts';
import type { AnsweredBy, ConversationRow, MessageRow, MessageView } from './rows.ts';
import { MESSAGE_COLUMNS, messageView } from './rows.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A page of catch-up: at most this many messages per request; the client asks again from the last. */
export const CATCH_UP_LIMIT = 200;

export async function findConversation(ctx: PluginContext, id: string): Promise<ConversationRow | null> {
  if (!UUID.test(id)) return null;
  const { rows } = await ctx.sql.query<ConversationRow>('select * from conversation where id = $1', [id]);
  return rows[0] ?? null;
}

export async function getConversation(ctx: PluginContext, id: string): Promise<ConversationRow> {
  const conversation = await findConversation(ctx, id);
  if (!conversation) throw notFound();
  return conversation;
}

/** Locks the conversation's row until the transaction ends: every change of one conversation is serialised by it. */
export async function lockConversation(ctx: PluginContext, id: string): Promise<ConversationRow> {
  if (!UUID.test(id)) throw notFound();
  const { rows } = await ctx.sql.query<ConversationRow>('select * from conversation where id = $1 for update', [id]);
  const conversation = rows[0];
  if (!conversation) throw notFound();
  return conversation;
}

/** The messages after `afterSeq`, in order: what a client missed while it was away. */
export async function messagesAfter(
  ctx: PluginContext,
  conversationId: string,
  afterSeq: number,
): Promise<MessageView[]> {
  const { rows } = await ctx.sql.query<MessageRow>(
    `select ${MESSAGE_COLUMNS} from message m where m.conversation_id = $1 and m.seq > $2 order by m.seq limit $3`,
    [conversationId, afterSeq, CATCH_UP_LIMIT],
  );
  return rows.map(messageView);
}

export async function answeredBy(ctx: PluginContext, conversation: ConversationRow): Promise<AnsweredBy> {
  let name: string | null = null;
  if (conversation.assigned_to) {
    const { rows } = await ctx.sql.query<{ display_name: string }>(
      'select display_name from operator where principal = $1',
      [conversation.assigned_to],
    );
    name = rows[0]?.display_name ?? null;
  }
  return { tier: conversation.tier, status: conversation.status, name, queue: conversation.queue };
}
