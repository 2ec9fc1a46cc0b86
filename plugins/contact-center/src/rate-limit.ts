import type { PluginContext } from '@kiban/sdk';
import type { Clock } from './clock.ts';
import { contactCenterError } from './errors.ts';

export interface RateLimit {
  messages: number;
  perSeconds: number;
}

/** A resident may send this many messages per conversation in a window; more are refused and they are told. */
export const MESSAGE_LIMIT: RateLimit = { messages: 20, perSeconds: 60 };

/**
 * Counts a send against `key` (a conversation) in fixed windows; the count commits on its own,
 * so a refused flood still counts. Refuses with 429 and when to try again.
 */
export async function countSend(ctx: PluginContext, clock: Clock, key: string, limit = MESSAGE_LIMIT): Promise<void> {
  const now = clock().getTime();
  const windowStart = new Date(now - (now % (limit.perSeconds * 1000)));
  const { rows } = await ctx.sql.query<{ count: number }>(
    `insert into rate_window (key, window_start, count) values ($1, $2, 1)
     on conflict (key, window_start) do update set count = rate_window.count + 1 returning count`,
    [key, windowStart],
  );
  if ((rows[0]?.count ?? 0) <= limit.messages) return;
  const retryAfter = Math.ceil((windowStart.getTime() + limit.perSeconds * 1000 - now) / 1000);
  throw contactCenterError(
    'rateLimited',
    429,
    `メッセージの送信が多すぎます。${retryAfter} 秒ほど待ってから送ってください。`,
    `Too many messages. Please wait about ${retryAfter} seconds before sending again.`,
  );
}

/** Forgets windows that ended; run by the plugin's sweep job. */
export async function pruneWindows(ctx: PluginContext, clock: Clock): Promise<void> {
  await ctx.sql.query('delete from rate_window where window_start < $1', [new Date(clock().getTime() - 3_600_000)]);
}
