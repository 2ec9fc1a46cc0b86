import type { PluginContext } from '@kiban/sdk';

/**
 * Moves the due deliveries of residents now inside their quiet hours (local time, which may
 * wrap past midnight) to the end of those hours, in one statement.
 */
export async function deferQuietHours(
  ctx: PluginContext,
  channel: string,
  now: Date,
  timeZone: string,
): Promise<number> {
  const deferred = await ctx.sql.query(
    `with local as (select ($2::timestamptz at time zone $3) as at)
     update delivery d
        set next_attempt_at = ((local.at::date + q.ends)
              + case when q.ends <= local.at::time then interval '1 day' else interval '0' end) at time zone $3
       from inbox entry, quiet_hours q, local
      where d.channel = $1 and d.status = 'created' and d.next_attempt_at <= $2
        and entry.id = d.inbox_id and q.recipient = entry.recipient
        and case when q.starts <= q.ends
                 then local.at::time >= q.starts and local.at::time < q.ends
                 else local.at::time >= q.starts or local.at::time < q.ends end`,
    [channel, now, timeZone],
  );
  return deferred.rowCount;
}
