import type { Actor, PluginContext } from '@kiban/sdk';
import { mayRead } from '../conversations/access.ts';
import type { ConversationRow, MessageView } from '../conversations/rows.ts';
import { messagesAfter } from '../conversations/store.ts';
import { type ConversationView, conversationView } from '../conversations/view.ts';
import { contactCenterError } from '../errors.ts';
import { isStaff, type Principal, STAFF_ROLES } from '../roles.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** The panel shows the latest conversations; each with its whole transcript (up to the catch-up limit). */
const LATEST = 20;

export interface ResidentConversation {
  conversation: ConversationView;
  transcript: MessageView[];
}

/**
 * One resident's chat conversations with their transcripts, newest first, for contact-centre
 * staff — the panel under a resident profile (the CRM's resident 360). The same rule as
 * opening one conversation decides which come back: supervisors see all of them, an operator
 * or department the ones assigned to them or waiting in a queue they serve. The read and its
 * audit entry (`contact-center.residentConversations.read`, naming the resident and the
 * conversations shown) commit together.
 */
export async function residentConversations(
  ctx: PluginContext,
  actor: Actor,
  resident: string,
): Promise<{ items: ResidentConversation[] }> {
  const items = await readAudited(ctx, actor, resident, (visible) =>
    Promise.all(
      visible.map(async (row) => ({
        conversation: await conversationView(ctx, row),
        transcript: await messagesAfter(ctx, row.id, 0),
      })),
    ),
  );
  return { items };
}

/**
 * The same conversations as one line each — when it began and the resident's first message —
 * for the resident 360's timeline: read by the same rule and audited the same way, without
 * the transcripts (one statement for all of them).
 */
export async function residentChatLines(
  ctx: PluginContext,
  actor: Actor,
  resident: string,
): Promise<Array<{ id: string; createdAt: string; firstMessage: string | null }>> {
  return readAudited(ctx, actor, resident, async (visible) => {
    const { rows } = await ctx.sql.query<{ conversation_id: string; body: string }>(
      `select distinct on (conversation_id) conversation_id, body from message
        where conversation_id = any($1::uuid[]) and author_kind = 'resident' order by conversation_id, seq`,
      [visible.map((row) => row.id)],
    );
    const first = new Map(rows.map((row) => [row.conversation_id, row.body]));
    return visible.map((row) => ({
      id: row.id,
      createdAt: new Date(row.created_at).toISOString(),
      firstMessage: first.get(row.id) ?? null,
    }));
  });
}

/** The resident's latest conversations this member of staff may open, shaped by `shape`, read and audited together. */
async function readAudited<T>(
  ctx: PluginContext,
  actor: Actor,
  resident: string,
  shape: (visible: ConversationRow[]) => Promise<T[]>,
): Promise<T[]> {
  const staff = contactCentreStaff(actor);
  if (!UUID.test(resident)) {
    throw contactCenterError('badResident', 400, '住民の ID が正しくありません。', 'That is not a resident id.', [
      {
        pointer: '/resident',
        code: 'contact-center.badResident',
        message: { ja: '住民の ID が正しくありません。', en: 'That is not a resident id.' },
      },
    ]);
  }
  return ctx.transaction(staff, async () => {
    const { rows } = await ctx.sql.query<ConversationRow>(
      'select * from conversation where resident = $1 order by created_at desc limit $2',
      [resident, LATEST],
    );
    const visible: ConversationRow[] = [];
    for (const row of rows) if (await mayRead(ctx, staff, row)) visible.push(row);
    const shaped = await shape(visible);
    await ctx.audit({
      actor: staff,
      action: 'contact-center.residentConversations.read',
      recordId: resident,
      details: { conversations: visible.map((row) => row.id) },
    });
    return shaped;
  });
}

function contactCentreStaff(actor: Actor): Principal {
  if (!isStaff(actor) || !STAFF_ROLES.some((role) => actor.roles.includes(role))) {
    throw contactCenterError(
      'staffOnly',
      403,
      '住民のチャット履歴は窓口の職員だけが見られます。',
      "Only contact centre staff can see a resident's chats.",
    );
  }
  return actor;
}
