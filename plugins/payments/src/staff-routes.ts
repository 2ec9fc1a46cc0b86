import type { Hono, PluginContext, PluginHttpEnv } from '@kiban/sdk';
import { PluginError } from '@kiban/sdk';
import { listRules } from './campaigns/index.ts';
import { STAFF_ROLE, withRole } from './roles.ts';

const SEARCH = /^[A-Za-z0-9_.:@-]{3,100}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Reads behind the staff pages for earning rules and refunds (changes go through actions). */
export function staffRoutes(app: Hono<PluginHttpEnv>, ctx: PluginContext): void {
  app.get('/earning-rules', async (c) => {
    withRole(c.get('actor'), STAFF_ROLE);
    return c.json({ rules: await listRules(ctx.sql) });
  });
  /**
   * Payments to refund, found by the order id, the provider's payment id or the resident's id:
   * the newest 50, each with what it bought and whether that voucher is still unused.
   */
  app.get('/orders', async (c) => {
    withRole(c.get('actor'), STAFF_ROLE);
    const search = c.req.query('search') ?? '';
    if (!SEARCH.test(search)) {
      const message = {
        ja: '支払い ID、決済 ID または住民の ID（3〜100 文字）で検索してください。',
        en: 'Search by an order id, a payment id or a resident id (3–100 characters).',
      };
      throw new PluginError('payments.badQuery', 400, message, [
        { pointer: '/query/search', code: 'payments.badQuery', message },
      ]);
    }
    const found = await ctx.sql.query(
      `select o.id, o.purpose, o.resident_id, o.description, o.amount_yen, o.refunded_yen, o.status, o.payment_id,
              o.created_at, o.fulfilled_at, c.status as voucher_status
       from payment_order o left join coupon c on c.id = (o.fulfilment->>'couponId')::uuid
       where o.id = $2::uuid or o.payment_id = $1 or o.resident_id = $1
       order by o.created_at desc limit 50`,
      [search, UUID.test(search) ? search : null],
    );
    return c.json({ orders: found.rows });
  });
}
