import type { PluginContext } from '@kiban/sdk';

/**
 * Counts a principal's questions in fixed windows shared by every engine process (one upsert
 * in the plugin's table), and answers whether this one is over the limit.
 */
export async function overRateLimit(
  ctx: PluginContext,
  actorKey: string,
  limit: { requests: number; perSeconds: number },
): Promise<boolean> {
  const windowStart = new Date(Math.floor(Date.now() / (limit.perSeconds * 1000)) * limit.perSeconds * 1000);
  const { rows } = await ctx.sql.query<{ requests: number }>(
    `INSERT INTO rate_window (actor_key, window_start, requests) VALUES ($1, $2, 1)
     ON CONFLICT (actor_key, window_start) DO UPDATE SET requests = rate_window.requests + 1
     RETURNING requests`,
    [actorKey, windowStart.toISOString()],
  );
  // This principal's earlier windows are of no use; removing them keeps the table small without a job.
  await ctx.sql.query('DELETE FROM rate_window WHERE actor_key = $1 AND window_start < $2', [
    actorKey,
    windowStart.toISOString(),
  ]);
  return Number(rows[0]?.requests ?? 0) > limit.requests;
}
