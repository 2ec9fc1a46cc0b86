import type { PluginContext } from '@kiban/sdk';
import { firstContactResolvedSql, RESOLVING_WRAP_UPS } from './first-contact.ts';
import { type OperatorKpis, operatorKpis } from './operator-kpis.ts';

export interface QueueKpis {
  queue: string;
  waiting: number;
  active: number;
  abandoned: number;
  answered: number;
  longestWaitSeconds: number;
  averageWaitSeconds: number | null;
  averageFirstResponseSeconds: number | null;
  /** Share of the conversations answered or abandoned since `since` that were answered within the queue's wait target. */
  serviceLevel: number | null;
  /** First-response breaches: conversations that waited in the queue beyond its target. */
  slaBreaches: number;
  /** Resident messages left unanswered beyond the queue's next-response target. */
  nextResponseBreaches: number;
  /** Conversations still open beyond the queue's resolution target. */
  resolutionBreaches: number;
  /** Share of the conversations a person answered and closed today that were settled at first contact. */
  firstContactResolution: number | null;
}

export interface Kpis {
  at: string;
  since: string;
  total: QueueKpis;
  queues: QueueKpis[];
  operators: OperatorKpis[];
}

interface Row {
  queue: string | null;
  is_total: boolean;
  waiting: string;
  active: string;
  abandoned: string;
  answered: string;
  longest_wait: string | null;
  average_wait: string | null;
  average_first_response: string | null;
  within_target: string;
  breaches: string;
  next_response_breaches: string;
  resolution_breaches: string;
  closed: string;
  resolved: string;
}

/** Midnight in Tokyo of the day `now` falls on: the KPIs count from there. */
export function startOfCityDay(now: Date): Date {
  const tokyo = new Date(now.getTime() + 9 * 3_600_000);
  return new Date(Date.UTC(tokyo.getUTCFullYear(), tokyo.getUTCMonth(), tokyo.getUTCDate()) - 9 * 3_600_000);
}

/**
 * The live numbers per queue and in total, in one grouped statement over today's
 * conversations: waiting now, active now, abandoned, longest and average wait, average first
 * response, service level, first-contact resolution and the breaches of the three SLA timers;
 * then each operator's day.
 */
export async function computeKpis(ctx: PluginContext, now: Date): Promise<Kpis> {
  const since = startOfCityDay(now);
  const { rows } = await ctx.sql.query<Row>(
    `select c.queue, grouping(c.queue) = 1 as is_total,
       count(*) filter (where c.status = 'queued') as waiting,
       count(*) filter (where c.status = 'assigned') as active,
       count(*) filter (where c.status = 'abandoned') as abandoned,
       count(*) filter (where c.assigned_at is not null) as answered,
       max(extract(epoch from ($2::timestamptz - c.queued_at))) filter (where c.status = 'queued') as longest_wait,
       avg(extract(epoch from (c.assigned_at - c.queued_at))) filter (where c.assigned_at is not null) as average_wait,
       avg(extract(epoch from (c.first_response_at - c.assigned_at))) filter (where c.first_response_at is not null and c.assigned_at is not null) as average_first_response,
       count(*) filter (where c.assigned_at is not null and c.assigned_at - c.queued_at <= make_interval(secs => q.wait_target_seconds)) as within_target,
       count(*) filter (where c.sla_breached_at is not null) as breaches,
       coalesce(sum(c.next_response_breaches), 0) as next_response_breaches,
       count(*) filter (where c.resolution_breached_at is not null) as resolution_breaches,
       count(*) filter (where c.assigned_at is not null and c.closed_at is not null) as closed,
       count(*) filter (where ${firstContactResolvedSql('$3')}) as resolved
     from conversation c left join queue q on q.code = c.queue
     where c.queued_at is not null and (c.queued_at >= $1 or c.status in ('queued', 'assigned'))
     group by grouping sets ((c.queue), ())`,
    [since, now, RESOLVING_WRAP_UPS],
  );
  const toKpis = (row: Row): QueueKpis => {
    const answered = Number(row.answered);
    const abandoned = Number(row.abandoned);
    const decided = answered + abandoned;
    return {
      queue: row.queue ?? '',
      waiting: Number(row.waiting),
      active: Number(row.active),
      abandoned,
      answered,
      longestWaitSeconds: Math.max(0, Math.round(Number(row.longest_wait ?? 0))),
      averageWaitSeconds: row.average_wait === null ? null : Math.round(Number(row.average_wait)),
      averageFirstResponseSeconds:
        row.average_first_response === null ? null : Math.round(Number(row.average_first_response)),
      serviceLevel: decided === 0 ? null : Number(row.within_target) / decided,
      slaBreaches: Number(row.breaches),
      nextResponseBreaches: Number(row.next_response_breaches),
      resolutionBreaches: Number(row.resolution_breaches),
      firstContactResolution: Number(row.closed) === 0 ? null : Number(row.resolved) / Number(row.closed),
    };
  };
  const grouped = rows.filter((row) => !row.is_total).map(toKpis);
  const totalRow = rows.find((row) => row.is_total);
  const empty: QueueKpis = toKpis({
    queue: '',
    is_total: true,
    waiting: '0',
    active: '0',
    abandoned: '0',
    answered: '0',
    longest_wait: null,
    average_wait: null,
    average_first_response: null,
    within_target: '0',
    breaches: '0',
    next_response_breaches: '0',
    resolution_breaches: '0',
    closed: '0',
    resolved: '0',
  });
  return {
    at: now.toISOString(),
    since: since.toISOString(),
    total: totalRow ? toKpis(totalRow) : empty,
    queues: grouped,
    operators: await operatorKpis(ctx, since),
  };
}
