import { computeKpis } from '../../plugins/contact-center/src/kpis/kpis.ts';
import type { PluginContext } from '../../sdk/src/index.ts';
import { percentile } from '../lib/stats.ts';

export interface DashboardResult {
  conversations: number;
  p50: number;
  p99: number;
  baselineP99: number;
}

const QUEUES = ['general', 'tax', 'kosodate', 'waste', 'juminhyo'];
const RUNS = 50;

/**
 * Adds synthetic conversations of today (waiting, answered, abandoned, breached, spread over
 * five queues) up to `total`, then times the KPI computation the supervisors' page and the
 * supervision job run. Baseline: `count(*)` of the same conversations.
 */
export async function measureDashboard(ctx: PluginContext, total: number): Promise<DashboardResult> {
  const { rows } = await ctx.sql.query<{ n: number }>('select count(*)::int as n from conversation');
  const missing = Math.max(0, total - (rows[0]?.n ?? 0));
  await ctx.sql.query(
    `insert into conversation (channel, status, tier, queue, queued_at, assigned_at, first_response_at, closed_at, sla_breached_at)
     select 'chat', s.status, 'operator', ($2::text[])[1 + g % 5], q, a, a + interval '20 seconds', c, b
     from generate_series(1, $1) g,
       lateral (select now() - (g % 36000) * interval '1 second' as q) t,
       lateral (select case when g % 10 = 0 then 'abandoned' when g % 10 = 1 then 'queued' else 'closed' end as status) s,
       lateral (select case when s.status = 'closed' then q + (g % 300) * interval '1 second' end as a,
                       case when s.status <> 'queued' then q + interval '10 minutes' end as c,
                       case when g % 7 = 0 then q + interval '2 minutes' end as b) x`,
    [missing, QUEUES],
  );
  const time = async (work: () => Promise<unknown>) => {
    const samples: number[] = [];
    for (let i = 0; i < RUNS; i += 1) {
      const at = performance.now();
      await work();
      samples.push(performance.now() - at);
    }
    return samples.sort((a, b) => a - b);
  };
  const kpis = await time(() => computeKpis(ctx, new Date()));
  const baseline = await time(() => ctx.sql.query('select count(*) from conversation'));
  return {
    conversations: total,
    p50: percentile(kpis, 0.5),
    p99: percentile(kpis, 0.99),
    baselineP99: percentile(baseline, 0.99),
  };
}
