import type { PluginContext } from '@kiban/sdk';
import { firstContactResolvedSql, RESOLVING_WRAP_UPS } from './first-contact.ts';

/** An operator's presence and load now, and their day so far. */
export interface OperatorKpis {
  principal: string;
  displayName: string;
  presence: string;
  active: number;
  capacity: number;
  answered: number;
  closed: number;
  firstContactResolution: number | null;
  averageHandleSeconds: number | null;
}

/** Every configured operator, by name: one statement over their conversations since `since`. */
export async function operatorKpis(ctx: PluginContext, since: Date): Promise<OperatorKpis[]> {
  const { rows } = await ctx.sql.query<Record<string, string | number | null>>(
    `select o.principal, o.display_name, o.presence, o.active, o.capacity,
       count(c.id) as answered,
       count(c.id) filter (where c.closed_at is not null) as closed,
       count(c.id) filter (where ${firstContactResolvedSql('$2')}) as resolved,
       avg(extract(epoch from (c.closed_at - c.assigned_at))) filter (where c.closed_at is not null) as handle
     from operator o
     left join conversation c on c.assigned_to = o.principal and c.assigned_at is not null and c.queued_at >= $1
     group by o.principal
     order by o.display_name, o.principal`,
    [since, RESOLVING_WRAP_UPS],
  );
  return rows.map((row) => {
    const closed = Number(row.closed);
    return {
      principal: String(row.principal),
      displayName: String(row.display_name),
      presence: String(row.presence),
      active: Number(row.active),
      capacity: Number(row.capacity),
      answered: Number(row.answered),
      closed,
      firstContactResolution: closed === 0 ? null : Number(row.resolved) / closed,
      averageHandleSeconds: row.handle === null ? null : Math.round(Number(row.handle)),
    };
  });
}
