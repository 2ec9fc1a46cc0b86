import type { PluginContext } from '@kiban/sdk';
import { emitToStaff, SUPERVISOR_ROOM } from '../conversations/live.ts';
import { SYSTEM } from '../roles.ts';

/** The three timers: the wait for a first answer, for the next answer, and for the conversation's end. */
export type SlaTimer = 'firstResponse' | 'nextResponse' | 'resolution';

interface Breached {
  id: string;
  queue: string;
  assigned_to: string | null;
}

async function report(ctx: PluginContext, timer: SlaTimer, rows: Breached[]): Promise<void> {
  for (const breached of rows) {
    await ctx.audit({
      actor: SYSTEM,
      action: 'contact-center.slaBreached',
      recordId: breached.id,
      details: { queue: breached.queue, timer },
    });
    await emitToStaff(ctx, SUPERVISOR_ROOM, 'slaBreached', {
      conversationId: breached.id,
      queue: breached.queue,
      timer,
      operator: breached.assigned_to,
    });
  }
}

/**
 * The first-response timer: each conversation waiting longer than its queue's wait target is
 * marked once.
 */
async function firstResponseBreaches(ctx: PluginContext, now: Date): Promise<Breached[]> {
  const { rows } = await ctx.sql.query<Breached>(
    `update conversation c set sla_breached_at = $1
     from queue q
     where q.code = c.queue and c.status = 'queued' and c.sla_breached_at is null
       and c.queued_at + make_interval(secs => q.wait_target_seconds) < $1
     returning c.id, c.queue, c.assigned_to`,
    [now],
  );
  return rows;
}

/**
 * The next-response timer: a resident's message unanswered longer than the queue's target
 * while an operator has the conversation; each unanswered stretch counts once.
 */
async function nextResponseBreaches(ctx: PluginContext, now: Date): Promise<Breached[]> {
  const { rows } = await ctx.sql.query<Breached>(
    `update conversation c set next_response_breached_at = $1, next_response_breaches = c.next_response_breaches + 1
     from queue q
     where q.code = c.queue and c.status = 'assigned' and q.next_response_target_seconds is not null
       and c.awaiting_reply_since is not null
       and c.awaiting_reply_since + make_interval(secs => q.next_response_target_seconds) < $1
       and c.next_response_breached_at is null
     returning c.id, c.queue, c.assigned_to`,
    [now],
  );
  return rows;
}

/** The resolution timer: a conversation still open longer than the queue's target since it started; once. */
async function resolutionBreaches(ctx: PluginContext, now: Date): Promise<Breached[]> {
  const { rows } = await ctx.sql.query<Breached>(
    `update conversation c set resolution_breached_at = $1
     from queue q
     where q.code = c.queue and c.status in ('queued', 'assigned') and q.resolution_target_seconds is not null
       and c.resolution_breached_at is null
       and c.created_at + make_interval(secs => q.resolution_target_seconds) < $1
     returning c.id, c.queue, c.assigned_to`,
    [now],
  );
  return rows;
}

/**
 * Marks every timer breach (each audited and pushed live to the supervisors' room as
 * `slaBreached` with its timer) and answers how many of each there were.
 */
export async function markSlaBreaches(ctx: PluginContext, now: Date): Promise<Record<SlaTimer, number>> {
  const first = await firstResponseBreaches(ctx, now);
  await report(ctx, 'firstResponse', first);
  const next = await nextResponseBreaches(ctx, now);
  await report(ctx, 'nextResponse', next);
  const resolution = await resolutionBreaches(ctx, now);
  await report(ctx, 'resolution', resolution);
  return { firstResponse: first.length, nextResponse: next.length, resolution: resolution.length };
}
