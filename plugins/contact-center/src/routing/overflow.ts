import type { PluginContext } from '@kiban/sdk';
import type { Clock } from '../clock.ts';
import { SYSTEM } from '../roles.ts';
import { handOff } from './handoff.ts';
import { getQueue } from './queues.ts';

interface Overflowing {
  id: string;
  queue: string;
  overflow_queue: string;
  reason: 'wait' | 'nobodyOnline';
}

/**
 * Moves waiting conversations on to their queue's overflow queue when they have waited longer
 * than its threshold, or at once when no operator with the queue's skill is online (available
 * or busy). A conversation overflows once: it is never sent back and forth between two queues
 * that overflow into each other. Each move is a handoff (audited, a line to the resident).
 */
export async function overflowQueues(ctx: PluginContext, clock: Clock): Promise<number> {
  const now = clock();
  const { rows } = await ctx.sql.query<Overflowing>(
    `select c.id, c.queue, q.overflow_queue,
       case when c.queued_at + make_interval(secs => q.overflow_after_seconds) < $1 then 'wait' else 'nobodyOnline' end as reason
     from conversation c join queue q on q.code = c.queue
     where c.status = 'queued' and c.overflowed_from is null and q.overflow_queue is not null
       and (c.queued_at + make_interval(secs => q.overflow_after_seconds) < $1
            or not exists (select 1 from operator o where q.skill = any(o.skills) and o.presence in ('available', 'busy')))
     order by c.queued_at limit 200`,
    [now],
  );
  for (const row of rows) {
    const target = await getQueue(ctx, row.overflow_queue);
    await ctx.sql.query('update conversation set overflowed_from = $2 where id = $1', [row.id, row.queue]);
    await handOff(ctx, clock, row.id, {
      queue: target,
      by: SYSTEM,
      note:
        row.reason === 'wait' ? `待ち時間超過のため ${row.queue} から移動` : `${row.queue} に対応者がいないため移動`,
    });
    await ctx.audit({
      actor: SYSTEM,
      action: 'contact-center.overflow',
      recordId: row.id,
      details: { from: row.queue, to: target.code, reason: row.reason },
    });
  }
  return rows.length;
}
