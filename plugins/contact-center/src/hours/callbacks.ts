import type { PluginContext } from '@kiban/sdk';
import type { Clock } from '../clock.ts';
import { conversationFor, type Party } from '../conversations/access.ts';
import { CONSOLE_ROOM, emitToStaff } from '../conversations/live.ts';
import { systemLine } from '../conversations/translated-message.ts';
import { contactCenterError } from '../errors.ts';
import { type Principal, SYSTEM } from '../roles.ts';

export interface CallbackInput {
  conversationId: string;
  preferredAt: string;
  phone?: string;
  note?: string;
}

interface CallbackRow {
  id: string;
  conversation_id: string;
  queue: string | null;
  resident: string | null;
  phone: string | null;
  preferred_at: Date;
  note: string | null;
  status: 'open' | 'done';
  created_at: Date;
  done_by: string | null;
  done_at: Date | null;
  outcome: string | null;
}

const invalid = (pointer: string, code: string, ja: string, en: string) =>
  contactCenterError('invalidInput', 422, '入力内容が正しくありません。', 'The input is not valid.', [
    { pointer, code: `contact-center.${code}`, message: { ja, en } },
  ]);

const CITY_TIME = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'long', timeStyle: 'short' });

/**
 * Outside hours the resident may leave a callback request: when they would like to be called
 * (in the future) and, for an anonymous visitor, a phone number (a signed-in resident is called
 * back through what the city holds). It becomes an open task for the conversation's queue.
 */
export async function requestCallback(ctx: PluginContext, clock: Clock, party: Party, input: CallbackInput) {
  const conversation = await conversationFor(ctx, party, input.conversationId);
  if (conversation.status !== 'afterHours')
    throw contactCenterError(
      'notAfterHours',
      409,
      '受付時間内です。このまま職員におつなぎできます。',
      'The centre is open: ask for a person instead.',
    );
  const preferredAt = new Date(input.preferredAt);
  if (!(preferredAt.getTime() > clock().getTime()))
    throw invalid(
      '/preferredAt',
      'callbackInThePast',
      '今より後の日時を指定してください。',
      'Choose a time in the future.',
    );
  if (!conversation.resident && !input.phone)
    throw invalid(
      '/phone',
      'callbackPhoneRequired',
      '折り返し先の電話番号を入力してください。',
      'Give a phone number to call back.',
    );
  const { rows } = await ctx.sql.query<{ id: string }>(
    `insert into callback_request (conversation_id, queue, resident, phone, preferred_at, note)
     values ($1, $2, $3, $4, $5, $6) returning id`,
    [conversation.id, conversation.queue, conversation.resident, input.phone ?? null, preferredAt, input.note ?? null],
  );
  const id = rows[0]?.id;
  await ctx.audit({
    actor: party.kind === 'principal' ? party.actor : SYSTEM,
    action: 'contact-center.requestCallback',
    recordId: conversation.id,
    details: { callback: id, queue: conversation.queue, phoneGiven: input.phone !== undefined },
  });
  await systemLine(
    ctx,
    clock,
    conversation.id,
    `callback-${id}`,
    `折り返しのご依頼を承りました（ご希望: ${CITY_TIME.format(preferredAt)}）。受付時間内に職員からご連絡します。`,
  );
  await emitToStaff(ctx, CONSOLE_ROOM, 'callbackRequested', { queue: conversation.queue });
  return { id, preferredAt: preferredAt.toISOString() };
}

const view = (row: CallbackRow) => ({
  id: row.id,
  conversationId: row.conversation_id,
  queue: row.queue,
  resident: row.resident,
  phone: row.phone,
  preferredAt: new Date(row.preferred_at).toISOString(),
  note: row.note,
  status: row.status,
  createdAt: new Date(row.created_at).toISOString(),
  doneBy: row.done_by,
  doneAt: row.done_at ? new Date(row.done_at).toISOString() : null,
  outcome: row.outcome,
});

/** The open callback requests, earliest preferred time first; the read (phone numbers) is audited. */
export async function openCallbacks(ctx: PluginContext, staff: Principal) {
  const { rows } = await ctx.sql.query<CallbackRow>(
    "select * from callback_request where status = 'open' order by preferred_at limit 200",
  );
  await ctx.audit({ actor: staff, action: 'contact-center.readCallbacks', details: { count: rows.length } });
  return rows.map(view);
}

/** Marks a callback done (once; a second attempt is 409) with what came of it. */
export async function completeCallback(ctx: PluginContext, staff: Principal, input: { id: string; outcome?: string }) {
  const { rows } = await ctx.sql.query<CallbackRow>(
    `update callback_request set status = 'done', done_by = $2, done_at = now(), outcome = $3
     where id = $1 and status = 'open' returning *`,
    [input.id, staff.id, input.outcome ?? null],
  );
  const done = rows[0];
  if (!done) {
    const { rows: existing } = await ctx.sql.query('select 1 from callback_request where id = $1', [input.id]);
    throw existing.length > 0
      ? contactCenterError('callbackDone', 409, 'この折り返しは完了済みです。', 'This callback is already done.')
      : contactCenterError('notFound', 404, '折り返しの依頼が見つかりません。', 'No such callback request.');
  }
  await ctx.audit({
    actor: staff,
    action: 'contact-center.completeCallback',
    recordId: done.conversation_id,
    details: { callback: done.id },
  });
  return view(done);
}
