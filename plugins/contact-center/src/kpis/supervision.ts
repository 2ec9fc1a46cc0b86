import type { JobContribution, PluginContext } from '@kiban/sdk';
import type { Clock } from '../clock.ts';
import { emitToStaff, SUPERVISOR_ROOM } from '../conversations/live.ts';
import { pruneWindows } from '../rate-limit.ts';
import { SYSTEM } from '../roles.ts';
import { dispatch } from '../routing/assign.ts';
import { overflowQueues } from '../routing/overflow.ts';
import { reclaimFromGoneOperators } from '../routing/reclaim.ts';
import { computeKpis } from './kpis.ts';

/**
 * Marks each conversation that has waited longer than its queue's target as breached (once),
 * audits it and alerts the supervisors' room.
 */
export async function markSlaBreaches(ctx: PluginContext, now: Date): Promise<number> {
  const { rows } = await ctx.sql.query<{ id: string; queue: string }>(
    `update conversation c set sla_breached_at = $1
     from queue q
     where q.code = c.queue and c.status = 'queued' and c.sla_breached_at is null
       and c.queued_at + make_interval(secs => q.wait_target_seconds) < $1
     returning c.id, c.queue`,
    [now],
  );
  for (const breached of rows) {
    await ctx.audit({
      actor: SYSTEM,
      action: 'contact-center.slaBreached',
      recordId: breached.id,
      details: { queue: breached.queue },
    });
    await emitToStaff(ctx, SUPERVISOR_ROOM, 'slaBreached', { conversationId: breached.id, queue: breached.queue });
  }
  return rows.length;
}

/** Pushes the live numbers to the supervisors' room. */
export async function pushKpis(ctx: PluginContext, now: Date): Promise<void> {
  await emitToStaff(ctx, SUPERVISOR_ROOM, 'kpis', await computeKpis(ctx, now));
}

/**
 * Every 10 seconds: chats of operators who vanished go back to the queue, waiting chats are
 * offered to free operators, chats overflow to their queue's overflow queue, breaches are
 * marked and the KPIs pushed.
 */
export function supervisionJob(clock: Clock): JobContribution {
  return {
    name: 'supervise',
    every: '10s',
    maxAttempts: 3,
    handler: async (_payload, ctx) => {
      const now = clock();
      await reclaimFromGoneOperators(ctx, now);
      await dispatch(ctx);
      if ((await overflowQueues(ctx, now)) > 0) await dispatch(ctx);
      await markSlaBreaches(ctx, now);
      await pushKpis(ctx, now);
      await pruneWindows(ctx, clock);
    },
  };
}
