import type { JobContribution } from '@kiban/sdk';
import { expireLots } from './ledger/expire.ts';
import { reconcile } from './orders/reconcile.ts';
import { releaseExpiredReservations } from './orders/reservations.ts';
import { providerOf } from './settings.ts';
import { storeOf } from './storage/context-store.ts';

const DAY = 86_400_000;
const JST = 9 * 3_600_000;

/** Midnight in Japan of the day before `now`, and that day as YYYY-MM-DD. */
export function previousJapanDay(now: Date): { from: Date; to: Date; runDate: string } {
  const todayJst = Math.floor((now.getTime() + JST) / DAY) * DAY - JST;
  const from = new Date(todayJst - DAY);
  return { from, to: new Date(todayJst), runDate: new Date(from.getTime() + JST).toISOString().slice(0, 10) };
}

export const jobs: JobContribution[] = [
  {
    name: 'expirePoints',
    cron: '5 0 * * *',
    async handler(_payload, ctx) {
      // A scheduled job keeps its id from run to run: the run's time tells the runs apart.
      const now = new Date();
      const result = await expireLots(ctx.sql, `expire:${now.toISOString()}`, now);
      ctx.logger.info('points expired', { wallets: result.wallets, points: result.points });
    },
  },
  {
    name: 'releaseReservations',
    cron: '*/5 * * * *',
    async handler(_payload, ctx) {
      const released = await storeOf(ctx).transaction((sql) => releaseExpiredReservations(sql, new Date()));
      if (released > 0) ctx.logger.info('voucher reservations released', { released });
    },
  },
  {
    name: 'reconcile',
    cron: '30 4 * * *',
    async handler(payload, ctx) {
      const day = (payload as { date?: string } | undefined)?.date;
      const window = day
        ? {
            from: new Date(`${day}T00:00:00+09:00`),
            to: new Date(new Date(`${day}T00:00:00+09:00`).getTime() + DAY),
            runDate: day,
          }
        : previousJapanDay(new Date());
      const report = await reconcile(storeOf(ctx), await providerOf(ctx), window);
      for (const order of report.completed) {
        await ctx.events.publish('paid', {
          orderId: order.orderId,
          purpose: order.purpose,
          reference: order.reference,
        });
      }
      ctx.logger.info('reconciled', {
        date: report.runDate,
        payments: report.providerPayments,
        issues: report.issues.length,
      });
    },
  },
];
