import type { PluginContext } from '@kiban/sdk';
import type { ConversationRow } from '../conversations/rows.ts';
import { contactCenterError } from '../errors.ts';
import type { Principal } from '../roles.ts';
import { findOperator } from '../routing/operators.ts';
import { checkPlaceholders, fillPlaceholders, type PlaceholderValues } from './placeholders.ts';

export interface CannedReplyInput {
  code: string;
  language: string;
  queue?: string;
  title: string;
  body: string;
}

interface CannedReplyRow {
  code: string;
  language: string;
  queue: string | null;
  title: string;
  body: string;
  updated_by: string;
  updated_at: Date;
}

const view = (row: CannedReplyRow) => ({
  code: row.code,
  language: row.language,
  queue: row.queue,
  title: row.title,
  body: row.body,
  updatedBy: row.updated_by,
  updatedAt: new Date(row.updated_at).toISOString(),
});

/** Stores (or replaces) one canned reply for a language, for one queue or every queue; its placeholders are checked first. */
export async function saveCannedReply(ctx: PluginContext, by: Principal, input: CannedReplyInput) {
  checkPlaceholders(input.body);
  if (input.queue) {
    const { rows } = await ctx.sql.query('select 1 from queue where code = $1', [input.queue]);
    if (rows.length === 0)
      throw contactCenterError('unknownQueue', 422, 'そのキューはありません。', 'There is no such queue.', [
        { pointer: '/queue', code: 'contact-center.unknownQueue', message: { ja: input.queue, en: input.queue } },
      ]);
  }
  const { rows } = await ctx.sql.query<CannedReplyRow>(
    `insert into canned_reply (code, language, queue, title, body, updated_by) values ($1, $2, $3, $4, $5, $6)
     on conflict (code, language) do update set queue = excluded.queue, title = excluded.title, body = excluded.body,
       updated_by = excluded.updated_by, updated_at = now()
     returning *`,
    [input.code, input.language, input.queue ?? null, input.title, input.body, by.id],
  );
  const saved = rows[0];
  if (!saved) throw new Error('the canned reply was not stored');
  await ctx.audit({
    actor: by,
    action: 'contact-center.saveCannedReply',
    details: { code: input.code, language: input.language },
  });
  return view(saved);
}

export async function removeCannedReply(ctx: PluginContext, by: Principal, code: string, language: string) {
  const { rows } = await ctx.sql.query('delete from canned_reply where code = $1 and language = $2 returning code', [
    code,
    language,
  ]);
  if (rows.length > 0)
    await ctx.audit({ actor: by, action: 'contact-center.removeCannedReply', details: { code, language } });
  return { removed: rows.length > 0 };
}

/** Every canned reply, for the supervisors who keep them. */
export async function listCannedReplies(ctx: PluginContext) {
  const { rows } = await ctx.sql.query<CannedReplyRow>('select * from canned_reply order by code, language');
  return rows.map(view);
}

const CITY_DATE = new Intl.DateTimeFormat('ja-JP', { timeZone: 'Asia/Tokyo', dateStyle: 'long' });
/** How a reply addresses a resident who did not share their name, per conversation language. */
const ANONYMOUS_NAME: Record<string, string> = {
  ja: 'お客様',
  'ja-easy': 'おきゃくさま',
  en: 'Customer',
  'zh-Hans': '顾客',
  'zh-Hant': '顧客',
  ko: '고객님',
  vi: 'Quý khách',
};

/**
 * The replies an operator may insert into this conversation: its queue's and every queue's,
 * in its language, with the placeholders filled — the resident's name only when they shared
 * their profile.
 */
export async function repliesFor(ctx: PluginContext, staff: Principal, conversation: ConversationRow, now: Date) {
  const { rows } = await ctx.sql.query<CannedReplyRow>(
    `select * from canned_reply where language = $1 and (queue is null or queue = $2)
     order by queue nulls last, code`,
    [conversation.language, conversation.queue],
  );
  const operator = await findOperator(ctx, staff.id);
  const shared = conversation.consented_profile?.displayName;
  const values: PlaceholderValues = {
    'resident.name': typeof shared === 'string' && shared ? shared : (ANONYMOUS_NAME[conversation.language] ?? ''),
    'operator.name': operator?.display_name ?? '',
    queue: conversation.queue ?? '',
    today: CITY_DATE.format(now),
  };
  return rows.map((row) => ({ ...view(row), text: fillPlaceholders(row.body, values) }));
}
