import { fileURLToPath } from 'node:url';
import { definePlugin } from '@kiban/sdk';
import { earningRuleActions } from './actions/earning-rule-actions.ts';
import { feeGateActions } from './actions/fee-gate.ts';
import { reconciliationActions } from './actions/reconciliation-actions.ts';
import { residentActions } from './actions/resident-actions.ts';
import { shopActions } from './actions/shop-actions.ts';
import { staffActions } from './actions/staff-actions.ts';
import { earningHandlers } from './earning-handler.ts';
import { jobs } from './jobs.ts';
import { publicRoutes } from './public-routes.ts';
import { residentPointsTimeline } from './resident-timeline.ts';
import { paymentRoutes } from './routes.ts';
import { SETTINGS_SCHEMA } from './settings.ts';
import { MIGRATIONS } from './storage/migrations.ts';

/**
 * Coupons and tickets, a double-entry points ledger, premium vouchers and fees through a
 * payment provider (functions #31–#34). The ledger and everything around it live in the
 * plugin's own tables (`plugin_payments`).
 */
export default definePlugin({
  name: 'payments',
  version: '0.1.0',
  requires: { engine: '>=0.1.0' },
  metadata: [fileURLToPath(new URL('../metadata', import.meta.url))],
  storage: { migrations: MIGRATIONS },
  settings: { schema: SETTINGS_SCHEMA },
  actions: [
    ...staffActions,
    ...earningRuleActions,
    ...reconciliationActions,
    ...residentActions,
    ...feeGateActions,
    ...shopActions,
  ],
  events: earningHandlers,
  jobs,
  publicRoutes,
  routes: paymentRoutes,
  timelines: [residentPointsTimeline],
  ui: {
    dir: fileURLToPath(new URL('../ui', import.meta.url)),
    entry: 'index.js',
    components: ['payments-wallet'],
    staffPages: [
      {
        name: 'console',
        label: { ja: 'ポイント・クーポン', en: 'Points and coupons' },
        tag: 'payments-staff-console',
        menuOrder: 10,
      },
      {
        name: 'definitions',
        label: { ja: 'キャンペーン・クーポンの定義と配布', en: 'Define and distribute campaigns and coupons' },
        tag: 'payments-definitions',
        menuOrder: 15,
      },
      {
        name: 'earning-rules',
        label: { ja: 'ポイント付与ルール', en: 'Earning rules' },
        tag: 'payments-earning-rules',
        menuOrder: 16,
      },
      {
        name: 'segment-grant',
        label: { ja: '対象者へのポイント付与', en: 'Grant points to a segment' },
        tag: 'payments-segment-grant',
        menuOrder: 17,
      },
      {
        name: 'refunds',
        label: { ja: '返金', en: 'Refunds' },
        tag: 'payments-refunds',
        menuOrder: 18,
      },
      {
        name: 'reconciliation',
        label: { ja: '決済の突き合わせ', en: 'Payment reconciliation' },
        tag: 'payments-reconciliation',
        menuOrder: 19,
      },
      {
        name: 'redeem',
        label: { ja: 'クーポンの使用受付', en: 'Redeem coupons' },
        tag: 'payments-shop-redeem',
        menuOrder: 20,
      },
    ],
    // Under resident profiles (the CRM's entity): the resident 360 shows it when the CRM runs.
    recordPanels: [
      {
        name: 'resident-points',
        label: { ja: 'ポイント・クーポン', en: 'Points and coupons' },
        tag: 'payments-resident-panel',
        entities: ['ResidentProfile'],
      },
    ],
  },
});
