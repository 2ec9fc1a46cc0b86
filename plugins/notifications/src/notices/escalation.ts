import type { JobContribution, PluginContext } from '@kiban/sdk';
import { planDeliveries } from '../campaigns/fan-out.ts';
import { readSettings } from '../settings.ts';

/**
 * Official notices nobody opened: after `escalationDays` they go once more by the fallback
 * channel (where the resident has an address for it), after as many days again they are
 * flagged for a paper letter in the staff work list. Both steps are set-based.
 */
export async function escalate(ctx: PluginContext, now: Date): Promise<{ fallback: number; paper: number }> {
  const settings = await readSettings(ctx);
  const days = settings.escalationDays ?? 7;
  const fallbackChannel = settings.fallbackChannel ?? 'email';
  const paper = await ctx.sql.query(
    `update notice set escalation = 'paper', escalated_at = $1::timestamptz
      where first_opened_at is null and escalation = 'fallback-sent' and escalated_at <= $1::timestamptz - make_interval(days => $2::int)`,
    [now, days],
  );
  const due = await ctx.sql.query<{ id: string }>(
    `update notice set escalation = 'fallback-sent', escalated_at = $1::timestamptz
      where first_opened_at is null and escalation = 'none' and issued_at <= $1::timestamptz - make_interval(days => $2::int)
      returning id`,
    [now, days],
  );
  for (const { id } of due.rows) {
    const entry = await ctx.sql.query<{ id: string }>('select id::text from inbox where notice_id = $1', [id]);
    const inboxId = entry.rows[0]?.id;
    if (inboxId) await planDeliveries(ctx, { inboxId }, [fallbackChannel], { official: true });
  }
  if (due.rowCount > 0)
    await ctx.jobs.enqueue('deliver', { channel: fallbackChannel }, { key: `deliver-escalation-${now.getTime()}` });
  return { fallback: due.rowCount, paper: paper.rowCount };
}

export const escalationJob: JobContribution = {
  name: 'escalate',
  every: '1h',
  async handler(_payload, ctx) {
    const counts = await escalate(ctx, new Date());
    if (counts.fallback + counts.paper > 0) ctx.logger.info('official notices escalated', counts);
  },
};
