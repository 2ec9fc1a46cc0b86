import type { PluginContext } from '@kiban/sdk';
import { contactCenterError } from '../errors.ts';

export interface QueueRow {
  code: string;
  label: { ja: string; en?: string };
  tier: 'operator' | 'department';
  skill: string;
  department: string | null;
  category: string | null;
  wait_target_seconds: number;
}

export interface QueueInput {
  code: string;
  label: { ja: string; en?: string };
  tier: 'operator' | 'department';
  skill: string;
  department?: string;
  category?: string;
  waitTargetSeconds?: number;
}

/** The queue every unrouted conversation goes to: an operator queue without a category. */
export const GENERAL_QUEUE = 'general';

export async function saveQueue(ctx: PluginContext, input: QueueInput): Promise<QueueRow> {
  const { rows } = await ctx.sql.query<QueueRow>(
    `insert into queue (code, label, tier, skill, department, category, wait_target_seconds)
     values ($1, $2, $3, $4, $5, $6, $7)
     on conflict (code) do update set label = excluded.label, tier = excluded.tier, skill = excluded.skill,
       department = excluded.department, category = excluded.category, wait_target_seconds = excluded.wait_target_seconds
     returning *`,
    [
      input.code,
      JSON.stringify(input.label),
      input.tier,
      input.skill,
      input.department ?? null,
      input.category ?? null,
      input.waitTargetSeconds ?? 120,
    ],
  );
  const row = rows[0];
  if (!row) throw new Error('the queue was not stored');
  return row;
}

export async function listQueues(ctx: PluginContext): Promise<QueueRow[]> {
  const { rows } = await ctx.sql.query<QueueRow>('select * from queue order by tier, code');
  return rows;
}

export async function getQueue(ctx: PluginContext, code: string): Promise<QueueRow> {
  const { rows } = await ctx.sql.query<QueueRow>('select * from queue where code = $1', [code]);
  const queue = rows[0];
  if (!queue)
    throw contactCenterError('unknownQueue', 422, 'そのキューはありません。', 'There is no such queue.', [
      { pointer: '/queue', code: 'contact-center.unknownQueue', message: { ja: code, en: code } },
    ]);
  return queue;
}

/**
 * The operator queue for a category (an unresolved AI conversation is routed by what it was
 * about), else the general queue, created on first use so a fresh installation can take chats.
 */
export async function queueForCategory(ctx: PluginContext, category: string | null): Promise<QueueRow> {
  if (category) {
    const { rows } = await ctx.sql.query<QueueRow>(
      "select * from queue where tier = 'operator' and category = $1 order by code limit 1",
      [category],
    );
    if (rows[0]) return rows[0];
  }
  const { rows } = await ctx.sql.query<QueueRow>('select * from queue where code = $1', [GENERAL_QUEUE]);
  return (
    rows[0] ??
    saveQueue(ctx, {
      code: GENERAL_QUEUE,
      label: { ja: '総合案内', en: 'General enquiries' },
      tier: 'operator',
      skill: GENERAL_QUEUE,
    })
  );
}
