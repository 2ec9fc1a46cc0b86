import type { Hono, PluginContext, PluginHttpEnv } from '@kiban/sdk';
import { PluginError } from '@kiban/sdk';
import { notShopMember } from './actions/errors.ts';
import { iso, walletSummary } from './ledger/wallet-summary.ts';
import { toCsv } from './reports/csv.ts';
import {
  campaignBurnDown,
  outstandingLiabilities,
  type Report,
  redemptionsByShopAndDay,
  settlementStatement,
} from './reports/reports.ts';
import { residentSummaryRoute } from './resident-summary-route.ts';
import { callerOf, SHOP_ROLE, STAFF_ROLE, withRole } from './roles.ts';
import { scannerRoute } from './scanner-route.ts';
import { memberShop } from './shops/shops.ts';
import { staffRoutes } from './staff-routes.ts';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function badQuery(name: string, expected: string): PluginError {
  const message = {
    ja: `クエリ「${name}」は ${expected} の形で指定してください。`,
    en: `The query "${name}" must be ${expected}.`,
  };
  return new PluginError('payments.badQuery', 400, message, [
    { pointer: `/query/${name}`, code: 'payments.badQuery', message },
  ]);
}

/** What the helpers below use of a request's context. */
interface RequestContext {
  req: { query(name: string): string | undefined };
  json(body: unknown): Response;
  body(data: string, status: 200, headers: Record<string, string>): Response;
}

function query(c: RequestContext, name: string, pattern: RegExp, expected: string): string {
  const value = c.req.query(name);
  if (!value || !pattern.test(value)) throw badQuery(name, expected);
  return value;
}

/** A report as JSON, or as CSV with `?format=csv` (a download named `name`). */
function answer(c: RequestContext, report: Report, name: string) {
  if (c.req.query('format') !== 'csv') return c.json(report);
  return c.body(toCsv(report.header, report.rows), 200, {
    'content-type': 'text/csv; charset=utf-8',
    'content-disposition': `attachment; filename="${name}.csv"`,
  });
}

/** Reads for residents, shops and staff under `/api/plugins/payments`; changes go through actions. */
export function paymentRoutes(app: Hono<PluginHttpEnv>, ctx: PluginContext): void {
  scannerRoute(app);
  residentSummaryRoute(app, ctx);
  staffRoutes(app, ctx);
  app.get('/wallet', async (c) => {
    const resident = callerOf(c.get('actor'));
    return c.json(await walletSummary(ctx.sql, resident.id, new Date()));
  });
  app.get('/coupons', async (c) => {
    const resident = callerOf(c.get('actor'));
    const found = await ctx.sql.query<Record<string, unknown>>(
      `select c.id, c.status, c.issued_at, c.redeemed_at, d.kind, d.name_ja, d.name_en, d.value_yen, d.service, d.valid_from, d.valid_until
       from coupon c join coupon_definition d on d.id = c.definition_id where c.resident_id = $1 order by c.issued_at desc limit 200`,
      [resident.id],
    );
    return c.json({
      coupons: found.rows.map((row) => ({
        id: row.id,
        status: row.status,
        kind: row.kind,
        name: { ja: row.name_ja, en: row.name_en ?? undefined },
        valueYen: row.value_yen,
        service: row.service,
        validFrom: iso(row.valid_from as string),
        validUntil: iso(row.valid_until as string),
      })),
    });
  });
  app.get('/orders/:id', async (c) => {
    const resident = callerOf(c.get('actor'));
    const id = c.req.param('id');
    const found = UUID.test(id)
      ? await ctx.sql.query<Record<string, unknown>>(
          'select id, status, amount_yen, refunded_yen, purpose, fulfilment from payment_order where id = $1 and resident_id = $2',
          [id, resident.id],
        )
      : { rows: [] };
    const order = found.rows[0];
    if (!order)
      throw new PluginError('payments.unknownOrder', 404, {
        ja: '支払いが見つかりません。',
        en: 'There is no such payment.',
      });
    return c.json(order);
  });
  app.get('/shops', async (c) => {
    withRole(c.get('actor'), STAFF_ROLE);
    const status = c.req.query('status') ?? 'pending';
    if (!['pending', 'approved', 'rejected'].includes(status))
      throw badQuery('status', 'pending | approved | rejected');
    const found = await ctx.sql.query(
      'select id, kind, name, address, contact_email, status, created_at from shop where status = $1 order by created_at limit 500',
      [status],
    );
    return c.json({ shops: found.rows });
  });
  app.get('/campaigns', async (c) => {
    withRole(c.get('actor'), STAFF_ROLE);
    const found = await ctx.sql.query(
      `select c.id, c.name_ja, c.budget, a.balance as remaining, c.starts_at, c.ends_at
       from campaign c join account a on a.id = 'campaign:' || c.id order by c.created_at desc limit 200`,
    );
    return c.json({ campaigns: found.rows });
  });
  app.get('/coupon-definitions', async (c) => {
    withRole(c.get('actor'), STAFF_ROLE);
    const found = await ctx.sql.query(
      `select id, kind, name_ja, name_en, value_yen, service, valid_from, valid_until, per_resident_limit,
              total_stock, issued
       from coupon_definition order by created_at desc limit 200`,
    );
    return c.json({ definitions: found.rows });
  });
  app.get('/adjustments', async (c) => {
    withRole(c.get('actor'), STAFF_ROLE);
    const found = await ctx.sql.query(
      `select id, resident_id, points, reason, requested_by, requested_at from adjustment
       where status = 'requested' order by requested_at limit 200`,
    );
    return c.json({ adjustments: found.rows });
  });
  app.get('/my-shops', async (c) => {
    const caller = withRole(c.get('actor'), SHOP_ROLE);
    const found = await ctx.sql.query(
      `select s.id, s.name, s.kind, s.status from shop s join shop_member m on m.shop_id = s.id
       where m.principal_id = $1 order by s.name`,
      [caller.id],
    );
    return c.json({ shops: found.rows });
  });
  app.get('/reports/burn-down', async (c) => {
    withRole(c.get('actor'), STAFF_ROLE);
    const campaignId = query(c, 'campaignId', UUID, 'a campaign id');
    return answer(c, await campaignBurnDown(ctx.sql, campaignId), `burn-down-${campaignId}`);
  });
  app.get('/reports/redemptions', async (c) => {
    withRole(c.get('actor'), STAFF_ROLE);
    const from = query(c, 'from', DATE, 'YYYY-MM-DD');
    const to = query(c, 'to', DATE, 'YYYY-MM-DD');
    const report = await redemptionsByShopAndDay(ctx.sql, `${from}T00:00:00+09:00`, `${to}T00:00:00+09:00`);
    return answer(c, report, `redemptions-${from}-${to}`);
  });
  app.get('/reports/liabilities', async (c) => {
    withRole(c.get('actor'), STAFF_ROLE);
    return answer(c, await outstandingLiabilities(ctx.sql), 'liabilities');
  });
  app.get('/reports/reconciliation', async (c) => {
    withRole(c.get('actor'), STAFF_ROLE);
    const date = query(c, 'date', DATE, 'YYYY-MM-DD');
    const found = await ctx.sql.query<Record<string, unknown>>(
      'select kind, order_id, payment_id, details from reconciliation_issue where run_date = $1 order by id',
      [date],
    );
    const report = {
      header: ['kind', 'order_id', 'payment_id', 'details'],
      rows: found.rows.map((r) => [r.kind, r.order_id, r.payment_id, JSON.stringify(r.details)]),
    };
    return answer(c, report, `reconciliation-${date}`);
  });
  app.get('/shops/:id/settlement', async (c) => {
    const caller = callerOf(c.get('actor'));
    const shopId = c.req.param('id');
    if (!UUID.test(shopId)) throw notShopMember();
    const month = query(c, 'month', MONTH, 'YYYY-MM');
    const allowed =
      caller.roles.includes(STAFF_ROLE) ||
      (caller.roles.includes(SHOP_ROLE) && (await memberShop(ctx.sql, caller.id, shopId)));
    if (!allowed) throw notShopMember();
    return answer(c, await settlementStatement(ctx.sql, shopId, month), `settlement-${shopId}-${month}`);
  });
}
