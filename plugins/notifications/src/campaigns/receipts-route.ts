import type { Hono, PluginContext, PluginHttpEnv } from '@kiban/sdk';
import { staffOf, uuidParam } from '../roles.ts';

/**
 * `GET /campaigns/:id/receipts` for staff: the inbox count, read count and the deliveries per
 * channel and status (GOV.UK Notify's model: created, sending, delivered, permanent-failure,
 * temporary-failure), with the latest failures' errors.
 */
export function receiptRoutes(app: Hono<PluginHttpEnv>, ctx: PluginContext): void {
  app.get('/campaigns/:id/receipts', async (c) => {
    staffOf(c.get('actor'));
    const id = uuidParam(c.req.param('id'));
    const [inbox, deliveries, failures] = await Promise.all([
      ctx.sql.query<{ recipients: string; read: string }>(
        'select count(*) as recipients, count(read_at) as read from inbox where campaign_id = $1',
        [id],
      ),
      ctx.sql.query<{ channel: string; status: string; count: string }>(
        `select d.channel, d.status, count(*) as count from delivery d join inbox entry on entry.id = d.inbox_id
          where entry.campaign_id = $1 group by d.channel, d.status order by d.channel, d.status`,
        [id],
      ),
      ctx.sql.query(
        `select d.id::text, d.channel, d.status, d.attempts, d.last_error as "lastError" from delivery d
           join inbox entry on entry.id = d.inbox_id
          where entry.campaign_id = $1 and d.last_error is not null order by d.id desc limit 50`,
        [id],
      ),
    ]);
    return c.json({
      recipients: Number(inbox.rows[0]?.recipients ?? 0),
      read: Number(inbox.rows[0]?.read ?? 0),
      deliveries: deliveries.rows.map((row) => ({ ...row, count: Number(row.count) })),
      failures: failures.rows,
    });
  });
}
