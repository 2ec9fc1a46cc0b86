import type { PluginContext } from '@kiban/sdk';
import { SYSTEM } from '../campaigns/campaign-record.ts';
import { composer } from '../delivery/compose.ts';
import { noticeTexts } from '../notices/notice-store.ts';

export interface InboxItem {
  id: string;
  category: string;
  official: boolean;
  subject: string | null;
  body: string;
  createdAt: string;
  readAt: string | null;
}

interface InboxRow {
  id: string;
  recipient: string;
  campaignId: string | null;
  noticeId: string | null;
  category: string;
  message: Record<string, string> | null;
  createdAt: Date;
  readAt: Date | null;
}

/** The resident's inbox, newest first, in their language (Japanese when a text has none). */
export async function listInbox(
  ctx: PluginContext,
  recipient: string,
  options: { language: string; limit: number; before?: string },
): Promise<InboxItem[]> {
  const { rows } = await ctx.sql.query<InboxRow>(
    `select id::text, recipient, campaign_id as "campaignId", notice_id as "noticeId", category, message,
            created_at as "createdAt", read_at as "readAt"
       from inbox where recipient = $1 and ($2::bigint is null or id < $2::bigint)
      order by id desc limit $3`,
    [recipient, options.before ?? null, options.limit],
  );
  const compose = await composer(
    ctx.data(SYSTEM),
    (ids) => noticeTexts(ctx, ids),
    rows.map((row) => ({ ...row, language: options.language })),
  );
  return rows.map((row) => {
    const base = {
      id: row.id,
      category: row.category,
      createdAt: iso(row.createdAt),
      readAt: row.readAt ? iso(row.readAt) : null,
    };
    if (row.message) {
      return { ...base, official: false, subject: null, body: row.message[options.language] ?? row.message.ja ?? '' };
    }
    const text = compose({ ...row, language: options.language }, 'inbox');
    return { ...base, official: text.official, subject: text.subject ?? null, body: text.body };
  });
}

export async function unreadCount(ctx: PluginContext, recipient: string): Promise<number> {
  const { rows } = await ctx.sql.query<{ unread: string }>(
    'select count(*) as unread from inbox where recipient = $1 and read_at is null',
    [recipient],
  );
  return Number(rows[0]?.unread ?? 0);
}

/**
 * Marks an entry read; for an official notice the first opening is its proof of receipt,
 * recorded once and audited. Answers false when the entry is not the recipient's.
 */
export async function markRead(ctx: PluginContext, recipient: string, id: string): Promise<boolean> {
  const { rows } = await ctx.sql.query<{ noticeId: string | null }>(
    `update inbox set read_at = coalesce(read_at, now())
      where id = $1::bigint and recipient = $2 returning notice_id as "noticeId"`,
    [id, recipient],
  );
  const entry = rows[0];
  if (!entry) return false;
  if (entry.noticeId) {
    const opened = await ctx.sql.query(
      'update notice set first_opened_at = now() where id = $1 and first_opened_at is null',
      [entry.noticeId],
    );
    if (opened.rowCount === 1) {
      await ctx.audit({
        actor: { kind: 'principal', id: recipient, principalKind: 'resident', roles: [] },
        action: 'notifications.noticeOpened',
        details: { noticeId: entry.noticeId },
      });
    }
  }
  await ctx.sql.query(`update delivery set read_at = coalesce(read_at, now()) where inbox_id = $1::bigint`, [id]);
  await ctx.realtime.emit('inbox', recipient, 'inbox.changed', { read: id });
  return true;
}

const iso = (value: Date | string) => new Date(value).toISOString();
