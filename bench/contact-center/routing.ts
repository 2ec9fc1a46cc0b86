import { systemClock } from '../../plugins/contact-center/src/clock.ts';
import { dispatch } from '../../plugins/contact-center/src/routing/assign.ts';
import type { PluginContext } from '../../sdk/src/index.ts';
import { percentile } from '../lib/stats.ts';

export interface RoutingResult {
  assignments: number;
  perSecond: number;
  p50: number;
  p99: number;
  baselineP99: number;
}

const SYSTEM = { kind: 'system' } as const;

/**
 * Queues `count` conversations while every operator is away, then makes the operators
 * available and routes one decision at a time (`dispatch(ctx, clock, 1)`: the oldest waiting chat,
 * the longest-idle operator with the skill and a free seat, both rows locked, the seat taken,
 * the chat assigned, the notices stored) until no seat is left. Baseline: one transaction
 * with one `select` — the database round trip every decision pays at least.
 */
export async function measureRouting(ctx: PluginContext, count: number): Promise<RoutingResult> {
  await ctx.sql.query("update operator set presence = 'away'");
  await ctx.sql.query(
    `insert into conversation (channel, status, tier, queue, queued_at)
     select 'chat', 'queued', 'operator', 'general', now() - (g * interval '1 millisecond') from generate_series(1, $1) g`,
    [count],
  );
  await ctx.sql.query("update operator set presence = 'available'");
  const samples: number[] = [];
  const started = performance.now();
  for (;;) {
    const at = performance.now();
    if ((await dispatch(ctx, systemClock, 1)) === 0) break;
    samples.push(performance.now() - at);
  }
  const seconds = (performance.now() - started) / 1000;
  const baseline: number[] = [];
  for (let i = 0; i < samples.length; i += 1) {
    const at = performance.now();
    await ctx.transaction(SYSTEM, () => ctx.sql.query('select 1'));
    baseline.push(performance.now() - at);
  }
  samples.sort((a, b) => a - b);
  baseline.sort((a, b) => a - b);
  return {
    assignments: samples.length,
    perSecond: samples.length / seconds,
    p50: percentile(samples, 0.5),
    p99: percentile(samples, 0.99),
    baselineP99: percentile(baseline, 0.99),
  };
}
