import type { JobContribution, PluginContext } from '@kiban/sdk';
import type { Clock } from '../clock.ts';
import { emitToStaff, SUPERVISOR_ROOM } from '../conversations/live.ts';
import { pruneWindows } from '../rate-limit.ts';
import { dispatch } from '../routing/assign.ts';
import { overflowQueues } from '../routing/overflow.ts';
import { reclaimFromGoneOperators } from '../routing/reclaim.ts';
import { alertOnAbandonmentSpike } from './alerts.ts';
import { computeKpis } from './kpis.ts';
import { markSlaBreaches } from './sla-timers.ts';

/** Pushes the live numbers to the supervisors' room. */
export async function pushKpis(ctx: PluginContext, now: Date): Promise<void> {
  await emitToStaff(ctx, SUPERVISOR_ROOM, 'kpis', await computeKpis(ctx, now));
}

/**
 * Every 10 seconds: chats of operators who vanished go back to the queue, waiting chats are
 * offered to free operators, chats overflow to their queue's overflow queue, breaches of the
 * three SLA timers are marked, an abandonment spike is alerted and the KPIs pushed.
 */
export function supervisionJob(clock: Clock): JobContribution {
  return {
    name: 'supervise',
    every: '10s',
    maxAttempts: 3,
    handler: async (_payload, ctx) => {
      const now = clock();
      await reclaimFromGoneOperators(ctx, now);
      await dispatch(ctx, clock);
      if ((await overflowQueues(ctx, clock)) > 0) await dispatch(ctx, clock);
      await markSlaBreaches(ctx, now);
      await alertOnAbandonmentSpike(ctx, now);
      await pushKpis(ctx, now);
      await pruneWindows(ctx, clock);
    },
  };
}
