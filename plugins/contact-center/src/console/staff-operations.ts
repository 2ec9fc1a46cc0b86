import type { PluginContext } from '@kiban/sdk';
import type { Clock } from '../clock.ts';
import { conversationFor } from '../conversations/access.ts';
import { closeConversation } from '../conversations/close.ts';
import type { MessageRow } from '../conversations/rows.ts';
import { contactCenterError, forbidden } from '../errors.ts';
import { isSupervisor, type Principal } from '../roles.ts';
import { dispatch } from '../routing/assign.ts';
import { handOff } from '../routing/handoff.ts';
import { getQueue } from '../routing/queues.ts';
import { requireWrapUp, type WrapUp } from './wrap-up.ts';

async function assignedTo(ctx: PluginContext, staff: Principal, conversationId: string) {
  const conversation = await conversationFor(ctx, { kind: 'principal', actor: staff }, conversationId);
  if (conversation.assigned_to !== staff.id && !isSupervisor(staff)) throw forbidden();
  return conversation;
}

/** Hands the conversation to another queue or a department's queue, with a note for whoever takes it. */
export async function transfer(
  ctx: PluginContext,
  clock: Clock,
  staff: Principal,
  input: { conversationId: string; queue: string; note?: string },
) {
  await assignedTo(ctx, staff, input.conversationId);
  const queue = await getQueue(ctx, input.queue);
  const moved = await handOff(ctx, clock, input.conversationId, { queue, by: staff, note: input.note });
  await dispatch(ctx, clock);
  return moved;
}

export async function addNote(ctx: PluginContext, staff: Principal, input: { conversationId: string; body: string }) {
  await assignedTo(ctx, staff, input.conversationId);
  const { rows } = await ctx.sql.query<{ id: string }>(
    'insert into operator_note (conversation_id, author, body) values ($1, $2, $3) returning id',
    [input.conversationId, staff.id, input.body],
  );
  return { id: rows[0]?.id };
}

/** Closes (or, after the resident left, wraps up) a conversation; a wrap-up code is required. */
export async function closeAsStaff(
  ctx: PluginContext,
  clock: Clock,
  staff: Principal,
  input: { conversationId: string; wrapUp?: WrapUp },
) {
  const conversationId = input.conversationId;
  await assignedTo(ctx, staff, conversationId);
  const wrapUp = await requireWrapUp(ctx, input.wrapUp);
  const closed = await closeConversation(ctx, clock, conversationId, staff, wrapUp);
  await dispatch(ctx, clock);
  return closed;
}

const AUTHOR_LABEL: Record<string, string> = {
  resident: '住民',
  ai: 'AI',
  faq: 'FAQ',
  operator: 'オペレーター',
  department: '担当課',
  system: 'システム',
};

/**
 * Opens a CRM case from the conversation, as the staff member (so the CRM's own policies
 * decide), with the whole transcript as its body and the resident as its owner.
 */
export async function createCase(
  ctx: PluginContext,
  staff: Principal,
  input: { conversationId: string; subject: string; category: string; department: string },
) {
  const conversation = await assignedTo(ctx, staff, input.conversationId);
  if (!ctx.plugins.has('crm'))
    throw contactCenterError('crmNotRunning', 409, 'CRM が動いていません。', 'The CRM is not running.');
  if (conversation.crm_case)
    throw contactCenterError('caseExists', 409, 'この会話の案件は作成済みです。', 'A case was already opened.');
  const { rows } = await ctx.sql.query<MessageRow>('select * from message where conversation_id = $1 order by seq', [
    conversation.id,
  ]);
  const transcript = rows
    .map(
      (row) =>
        `[${new Date(row.created_at).toISOString()}] ${AUTHOR_LABEL[row.author_kind] ?? ''}${row.author_name ? `（${row.author_name}）` : ''}: ${row.body}`,
    )
    .join('\n')
    .slice(-8000);
  const opened = await ctx.plugins.call<{ id: string }>(
    'crm',
    'openCase',
    {
      channel: 'chat',
      category: input.category,
      subject: input.subject,
      body: transcript,
      department: input.department,
      assignToMe: true,
      ...(conversation.resident ? { resident: conversation.resident } : {}),
    },
    staff,
  );
  await ctx.sql.query('update conversation set crm_case = $2 where id = $1', [conversation.id, opened.id]);
  await ctx.audit({
    actor: staff,
    action: 'contact-center.createCase',
    recordId: conversation.id,
    details: { case: opened.id, messages: rows.length },
  });
  return { caseId: opened.id };
}
