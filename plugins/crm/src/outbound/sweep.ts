import type { JobContribution } from '@kiban/sdk';
import { ENTITY, SYSTEM } from '../entities.ts';
import { DISPATCH_JOB } from './enqueue.ts';

/**
 * Every minute, a dispatch for each active system with pending deliveries: the safety net for
 * a delivery queued behind one whose run ended before it was committed.
 */
export const sweepJob: JobContribution = {
  name: 'sweep',
  every: '1m',
  async handler(_payload, ctx) {
    const systems = await ctx.data(SYSTEM).list(ENTITY.system, { filter: { status: { eq: 'active' } }, limit: 200 });
    for (const system of systems) {
      const { rows } = await ctx.sql.query(
        `select 1 from webhook_delivery where system_id = $1 and status = 'pending' limit 1`,
        [String(system.id)],
      );
      if (rows.length === 0) continue;
      await ctx.jobs.enqueue(
        DISPATCH_JOB,
        { systemId: String(system.id) },
        { key: `dispatch:${String(system.id)}:sweep:${crypto.randomUUID()}` },
      );
    }
  },
};
