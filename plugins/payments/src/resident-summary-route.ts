import type { Hono, PluginContext, PluginHttpEnv } from '@kiban/sdk';
import { PluginError } from '@kiban/sdk';
import { iso, walletSummary } from './ledger/wallet-summary.ts';
import { STAFF_ROLE, withRole } from './roles.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HISTORY = 10;

/**
 * `GET /residents/:resident/summary` for points staff: one resident's points (balance, what
 * expires, the latest movements) and coupons by status — what the panel under a resident
 * profile (the CRM's resident 360) shows. The read and its audit entry
 * (`payments.residentSummary.read`, naming the resident) commit together.
 */
export function residentSummaryRoute(app: Hono<PluginHttpEnv>, ctx: PluginContext): void {
  app.get('/residents/:resident/summary', async (c) => {
    const staff = withRole(c.get('actor'), STAFF_ROLE);
    const resident = c.req.param('resident');
    if (!UUID.test(resident)) {
      const message = { ja: '住民の ID が正しくありません。', en: 'That is not a resident id.' };
      throw new PluginError('payments.badResident', 400, message, [
        { pointer: '/resident', code: 'payments.badResident', message },
      ]);
    }
    const summary = await ctx.transaction(staff, async () => {
      const wallet = await walletSummary(ctx.sql, resident, new Date(), HISTORY);
      const coupons = await ctx.sql.query<{ status: string; count: number; next_expiry: Date | string | null }>(
        `select c.status, count(*)::int as count, min(d.valid_until) filter (where c.status = 'issued') as next_expiry
           from coupon c join coupon_definition d on d.id = c.definition_id
          where c.resident_id = $1 group by c.status order by c.status`,
        [resident],
      );
      await ctx.audit({
        actor: staff,
        action: 'payments.residentSummary.read',
        recordId: resident,
        details: { movements: wallet.history.length, couponStatuses: coupons.rows.length },
      });
      return {
        wallet,
        coupons: coupons.rows.map((row) => ({
          status: row.status,
          count: row.count,
          nextExpiry: row.next_expiry === null ? null : iso(row.next_expiry),
        })),
      };
    });
    return c.json(summary);
  });
}
