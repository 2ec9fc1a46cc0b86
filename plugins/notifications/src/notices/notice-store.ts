import { createHash, randomUUID } from 'node:crypto';
import type { PluginContext } from '@kiban/sdk';
import { isDeliveryChannel, planDeliveries } from '../campaigns/fan-out.ts';

export interface NoticeInput {
  recipient: string;
  category: string;
  title: string;
  body: string;
  issuer: string;
  idempotencyKey?: string;
}

export interface IssuedNotice {
  id: string;
  contentHash: string;
  issuedAt: string;
  /** False when the idempotency key had issued it before: the earlier notice is answered. */
  created: boolean;
}

/** SHA-256 over the canonical JSON of what the resident reads: proof that it never changed. */
export function contentHashOf(
  notice: Pick<NoticeInput, 'recipient' | 'category' | 'title' | 'body' | 'issuer'>,
): string {
  const canonical = JSON.stringify([notice.recipient, notice.category, notice.title, notice.body, notice.issuer]);
  return createHash('sha256').update(canonical).digest('hex');
}

/**
 * Issues an official notice to one resident: stored immutable with its content hash (proof of
 * issue), put in their inbox and, when they chose a channel for official notices, planned for
 * delivery there — preferences cannot switch it off. An idempotency key seen before answers the
 * notice it issued, and issues nothing.
 */
export async function issueNotice(ctx: PluginContext, input: NoticeInput): Promise<IssuedNotice> {
  const contentHash = contentHashOf(input);
  const { rows } = await ctx.sql.query<{ id: string; issued_at: Date }>(
    `insert into notice (id, recipient, category, title, body, content_hash, issuer, idempotency_key, channel)
     values ($1, $2, $3, $4, $5, $6, $7, $8,
             coalesce((select channel from official_channel where recipient = $2), 'inbox'))
     on conflict (idempotency_key) do nothing
     returning id, issued_at`,
    [
      randomUUID(),
      input.recipient,
      input.category,
      input.title,
      input.body,
      contentHash,
      input.issuer,
      input.idempotencyKey ?? null,
    ],
  );
  const issued = rows[0];
  if (!issued) {
    const earlier = await ctx.sql.query<{ id: string; content_hash: string; issued_at: Date }>(
      'select id, content_hash, issued_at from notice where idempotency_key = $1',
      [input.idempotencyKey],
    );
    const row = earlier.rows[0];
    if (!row) throw new Error('an idempotency key conflicted without a notice');
    return {
      id: row.id,
      contentHash: row.content_hash,
      issuedAt: new Date(row.issued_at).toISOString(),
      created: false,
    };
  }
  const entry = await ctx.sql.query<{ id: string; channel: string }>(
    `insert into inbox (recipient, notice_id, category)
     select recipient, id, category from notice where id = $1
     returning id::text, (select channel from notice where id = $1) as channel`,
    [issued.id],
  );
  const inbox = entry.rows[0];
  if (inbox && isDeliveryChannel(inbox.channel)) {
    await planDeliveries(ctx, { inboxId: inbox.id }, [inbox.channel], { official: true });
  }
  await ctx.realtime.emit('inbox', input.recipient, 'inbox.changed', { noticeId: issued.id });
  return { id: issued.id, contentHash, issuedAt: new Date(issued.issued_at).toISOString(), created: true };
}

export async function noticeTexts(
  ctx: PluginContext,
  ids: string[],
): Promise<Map<string, { title: string; body: string; category: string }>> {
  if (ids.length === 0) return new Map();
  const { rows } = await ctx.sql.query<{ id: string; title: string; body: string; category: string }>(
    'select id, title, body, category from notice where id = any($1::uuid[])',
    [ids],
  );
  return new Map(rows.map((row) => [row.id, row]));
}
