import type { PluginContext } from '@kiban/sdk';

/**
 * How many messages `channel` may still send in the current minute, under the limit from the
 * settings; the window row is locked until the job's transaction ends, so two delivery jobs
 * never spend the same allowance.
 */
export async function allowance(
  ctx: PluginContext,
  channel: string,
  perMinute: number | undefined,
  now: Date,
): Promise<number> {
  if (perMinute === undefined) return Number.POSITIVE_INFINITY;
  const { rows } = await ctx.sql.query<{ used: number }>(
    `insert into rate_window (channel, window_start, used) values ($1, date_trunc('minute', $2::timestamptz), 0)
     on conflict (channel) do update
       set used = case when rate_window.window_start = excluded.window_start then rate_window.used else 0 end,
           window_start = excluded.window_start
     returning used`,
    [channel, now],
  );
  return Math.max(0, perMinute - Number(rows[0]?.used ?? 0));
}

export async function spend(ctx: PluginContext, channel: string, count: number): Promise<void> {
  if (count > 0) await ctx.sql.query('update rate_window set used = used + $2 where channel = $1', [channel, count]);
}

export function nextWindow(now: Date): Date {
  const next = new Date(now);
  next.setUTCSeconds(60, 0);
  return next;
}
