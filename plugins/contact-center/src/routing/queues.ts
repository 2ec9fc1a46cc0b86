import type { PluginContext } from '@kiban/sdk';
import { contactCenterError } from '../errors.ts';
import type { WeeklyOpening } from '../hours/calendar.ts';
import { servingLanguages } from './languages.ts';

export interface QueueRow {
  code: string;
  label: { ja: string; en?: string };
  tier: 'operator' | 'department';
  skill: string;
  department: string | null;
  category: string | null;
  wait_target_seconds: number;
  overflow_queue: string | null;
  overflow_after_seconds: number | null;
  next_response_target_seconds: number | null;
  resolution_target_seconds: number | null;
  /** The languages its operators answer in; empty: any language, through the translator. */
  languages: string[];
  /** Its own weekly hours; null: the centre's business calendar. */
  service_hours: QueueServiceHours | null;
}

export interface QueueServiceHours {
  weekly: WeeklyOpening[];
  publicHolidaysClosed: boolean;
}

export interface QueueInput {
  code: string;
  label: { ja: string; en?: string };
  tier: 'operator' | 'department';
  skill: string;
  department?: string;
  category?: string;
  waitTargetSeconds?: number;
  /** Where a waiting conversation moves after `overflowAfterSeconds`, or at once when no operator with the skill is online. */
  overflowQueue?: string;
  overflowAfterSeconds?: number;
  /** How long a resident's message may wait for staff's next answer after the first response. */
  nextResponseTargetSeconds?: number;
  /** How long a conversation may stay open (from its start) before it counts as unresolved in time. */
  resolutionTargetSeconds?: number;
  /** The languages the queue answers in (a conversation in one of them is routed here first). */
  languages?: string[];
  /** The queue's own service hours (a department keeps its office's); else the centre's. */
  serviceHours?: QueueServiceHours;
}

/** The queue every unrouted conversation goes to: an operator queue without a category. */
export const GENERAL_QUEUE = 'general';

export async function saveQueue(ctx: PluginContext, input: QueueInput): Promise<QueueRow> {
  if (input.overflowQueue !== undefined) {
    const refuse = (ja: string, en: string) =>
      contactCenterError('badOverflow', 422, ja, en, [
        { pointer: '/overflowQueue', code: 'contact-center.badOverflow', message: { ja, en } },
      ]);
    if (input.overflowQueue === input.code)
      throw refuse('自分自身には溢れさせられません。', 'A queue cannot overflow into itself.');
    const target = await ctx.sql.query('select 1 from queue where code = $1', [input.overflowQueue]);
    if (target.rows.length === 0) throw refuse('溢れ先のキューがありません。', 'There is no such overflow queue.');
  }
  const backwards = input.serviceHours?.weekly.findIndex((opening) => opening.opens >= opening.closes) ?? -1;
  if (backwards >= 0)
    throw contactCenterError('invalidInput', 422, '入力内容が正しくありません。', 'The input is not valid.', [
      {
        pointer: `/serviceHours/weekly/${backwards}/closes`,
        code: 'contact-center.closesBeforeOpening',
        message: { ja: '終了は開始より後にしてください。', en: 'Closing must come after opening.' },
      },
    ]);
  const { rows } = await ctx.sql.query<QueueRow>(
    `insert into queue (code, label, tier, skill, department, category, wait_target_seconds, overflow_queue,
       overflow_after_seconds, next_response_target_seconds, resolution_target_seconds, languages, service_hours)
     values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12::text[], $13::jsonb)
     on conflict (code) do update set label = excluded.label, tier = excluded.tier, skill = excluded.skill,
       department = excluded.department, category = excluded.category, wait_target_seconds = excluded.wait_target_seconds,
       overflow_queue = excluded.overflow_queue, overflow_after_seconds = excluded.overflow_after_seconds,
       next_response_target_seconds = excluded.next_response_target_seconds,
       resolution_target_seconds = excluded.resolution_target_seconds, languages = excluded.languages,
       service_hours = excluded.service_hours
     returning *`,
    [
      input.code,
      JSON.stringify(input.label),
      input.tier,
      input.skill,
      input.department ?? null,
      input.category ?? null,
      input.waitTargetSeconds ?? 120,
      input.overflowQueue ?? null,
      input.overflowQueue ? (input.overflowAfterSeconds ?? input.waitTargetSeconds ?? 120) : null,
      input.nextResponseTargetSeconds ?? null,
      input.resolutionTargetSeconds ?? null,
      input.languages ?? [],
      input.serviceHours ? JSON.stringify(input.serviceHours) : null,
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
 * The operator queue for a conversation: of the queues of its category (an unresolved AI
 * conversation is routed by what it was about) one answering in its language first, then one
 * answering any language, then another of the category (its operators read it through the
 * translator); without a queue for the category, an uncategorised queue answering in its
 * language; else the general queue, created on first use so a fresh installation can take chats.
 */
export async function queueForConversation(
  ctx: PluginContext,
  category: string | null,
  language: string,
): Promise<QueueRow> {
  const { rows } = await ctx.sql.query<QueueRow>(
    `select * from queue
     where tier = 'operator' and (category = $1 or (category is null and languages && $2::text[] and code <> $3))
     order by category is null, languages && $2::text[] desc, cardinality(languages) = 0 desc, code limit 1`,
    [category, servingLanguages(language), GENERAL_QUEUE],
  );
  if (rows[0]) return rows[0];
  const general = await ctx.sql.query<QueueRow>('select * from queue where code = $1', [GENERAL_QUEUE]);
  return (
    general.rows[0] ??
    saveQueue(ctx, {
      code: GENERAL_QUEUE,
      label: { ja: '総合案内', en: 'General enquiries' },
      tier: 'operator',
      skill: GENERAL_QUEUE,
    })
  );
}
