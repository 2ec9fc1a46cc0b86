import type { PluginContext } from '@kiban/sdk';
import { emitToStaff, SUPERVISOR_ROOM } from '../conversations/live.ts';
import { type BusinessCalendar, businessSecondsBetween } from '../hours/calendar.ts';
import { queueCalendar, readCalendar } from '../hours/store.ts';
import { SYSTEM } from '../roles.ts';
import type { QueueServiceHours } from '../routing/queues.ts';

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

/** A conversation whose timer may have run out: started at `since`, allowed `target` seconds of service. */
interface Running extends Breached {
  /** As the driver gives it: a Date or its ISO text. */
  since: Date | string;
  target: number;
  service_hours: QueueServiceHours | null;
}

/**
 * Which of the running timers have used up their target in service time on their queue's
 * calendar. The database picks those past it in plain time (never fewer than in service time);
 * the calendar, which pauses outside hours, decides.
 */
function overdue(centre: BusinessCalendar, running: Running[], now: Date): string[] {
  return running
    .filter((timer) => businessSecondsBetween(queueCalendar(centre, timer), new Date(timer.since), now) > timer.target)
    .map((timer) => timer.id);
}

const TIMER_SOURCE: Record<SlaTimer, string> = {
  // Waiting in the queue for a first answer.
  firstResponse: `select c.id, c.queue, c.assigned_to, c.queued_at as since, q.wait_target_seconds as target, q.service_hours
     from conversation c join queue q on q.code = c.queue
     where c.status = 'queued' and c.sla_breached_at is null
       and c.queued_at + make_interval(secs => q.wait_target_seconds) < $1`,
  // A resident's message unanswered while an operator has the conversation; each stretch once.
  nextResponse: `select c.id, c.queue, c.assigned_to, c.awaiting_reply_since as since, q.next_response_target_seconds as target, q.service_hours
     from conversation c join queue q on q.code = c.queue
     where c.status = 'assigned' and q.next_response_target_seconds is not null
       and c.awaiting_reply_since is not null and c.next_response_breached_at is null
       and c.awaiting_reply_since + make_interval(secs => q.next_response_target_seconds) < $1`,
  // Open since the conversation started; once.
  resolution: `select c.id, c.queue, c.assigned_to, c.created_at as since, q.resolution_target_seconds as target, q.service_hours
     from conversation c join queue q on q.code = c.queue
     where c.status in ('queued', 'assigned') and q.resolution_target_seconds is not null
       and c.resolution_breached_at is null
       and c.created_at + make_interval(secs => q.resolution_target_seconds) < $1`,
};

/** Marks the breach on each overdue conversation, guarded so each is marked once however often the job runs. */
const TIMER_MARK: Record<SlaTimer, string> = {
  firstResponse: `update conversation set sla_breached_at = $1
     where id = any($2::uuid[]) and status = 'queued' and sla_breached_at is null
     returning id, queue, assigned_to`,
  nextResponse: `update conversation set next_response_breached_at = $1, next_response_breaches = next_response_breaches + 1
     where id = any($2::uuid[]) and status = 'assigned' and next_response_breached_at is null and awaiting_reply_since is not null
     returning id, queue, assigned_to`,
  resolution: `update conversation set resolution_breached_at = $1
     where id = any($2::uuid[]) and status in ('queued', 'assigned') and resolution_breached_at is null
     returning id, queue, assigned_to`,
};

async function breaches(ctx: PluginContext, timer: SlaTimer, centre: BusinessCalendar, now: Date) {
  const { rows } = await ctx.sql.query<Running>(TIMER_SOURCE[timer], [now]);
  const ids = overdue(centre, rows, now);
  if (ids.length === 0) return [];
  const marked = await ctx.sql.query<Breached>(TIMER_MARK[timer], [now, ids]);
  return marked.rows;
}

/**
 * Marks every timer breach, counted in service time on the queue's calendar (each audited and pushed live to the supervisors' room as
 * `slaBreached` with its timer) and answers how many of each there were.
 */
export async function markSlaBreaches(ctx: PluginContext, now: Date): Promise<Record<SlaTimer, number>> {
  const centre = await readCalendar(ctx);
  const counts: Record<SlaTimer, number> = { firstResponse: 0, nextResponse: 0, resolution: 0 };
  for (const timer of ['firstResponse', 'nextResponse', 'resolution'] as const) {
    const marked = await breaches(ctx, timer, centre, now);
    await report(ctx, timer, marked);
    counts[timer] = marked.length;
  }
  return counts;
}
