import { fileURLToPath } from 'node:url';
import { definePlugin } from '@kiban/sdk';
import { lineLinkRoute } from './callbacks/line-link.ts';
import { previewCampaign, publishCampaign } from './campaigns/actions.ts';
import { entersSegmentDailyJob, entersSegmentPassJob } from './campaigns/entering-jobs.ts';
import { entersSegmentHandler } from './campaigns/enters-segment.ts';
import { deliverJob, fanOutJob } from './campaigns/jobs.ts';
import { receiptRoutes } from './campaigns/receipts-route.ts';
import { previewTemplate } from './campaigns/template-preview.ts';
import { catalogueRoutes } from './catalogue/routes.ts';
import { vendorRoutes } from './catalogue/vendor-routes.ts';
import { residentInboxRoute } from './inbox/resident-route.ts';
import { residentNoticeTimeline } from './inbox/resident-timeline.ts';
import { inboxRoutes } from './inbox/routes.ts';
import { migrations } from './migrations.ts';
import { escalationJob } from './notices/escalation.ts';
import { issueNoticeAction, noticeStaffRoutes } from './notices/staff.ts';
import { personalisationActions } from './personalisation/actions.ts';
import { signalRoutes } from './personalisation/routes.ts';
import { preferenceActions } from './preferences/actions.ts';
import { preferenceRoutes } from './preferences/routes.ts';
import { publicRoutes } from './public-routes.ts';
import { pushRoutes, subscribePush, unsubscribePush } from './push/subscription.ts';
import { settings } from './settings.ts';
import { workflowNotifyHandler } from './workflow-hook.ts';

/**
 * Notices to residents (functions #7–#14): templates and segment campaigns fanned out
 * set-based into the portal inbox, delivery by email, LINE and SMS honouring each resident's
 * preferences, quiet hours and the channels' rate limits, official digital notices that must
 * arrive, and the catalogue of benefits and events. Templates, campaigns and the catalogue are
 * metadata entities; the inbox, deliveries and preferences are the plugin's own tables.
 */
export default definePlugin({
  name: 'notifications',
  version: '0.1.0',
  requires: { engine: '>=0.1.0' },
  metadata: [fileURLToPath(new URL('../metadata', import.meta.url))],
  storage: { migrations },
  settings,
  actions: [
    previewCampaign,
    publishCampaign,
    previewTemplate,
    issueNoticeAction,
    ...preferenceActions,
    ...personalisationActions,
    subscribePush,
    unsubscribePush,
  ],
  // Keep the order: a handler is known by its position.
  events: [entersSegmentHandler, workflowNotifyHandler],
  jobs: [fanOutJob, deliverJob, escalationJob, entersSegmentDailyJob, entersSegmentPassJob],
  realtime: {
    channels: [
      {
        name: 'inbox',
        // A resident's own room, and `all` for campaign fan-outs that touch everyone's badge.
        authorize: ({ actor, room }) => actor.kind === 'principal' && (room === actor.id || room === 'all'),
      },
    ],
  },
  publicRoutes,
  timelines: [residentNoticeTimeline],
  ui: {
    dir: fileURLToPath(new URL('../ui', import.meta.url)),
    entry: 'index.js',
    components: ['notifications-my-benefits', 'notifications-preferences', 'notifications-line-link'],
    // Under resident profiles (the CRM's entity): the resident 360 shows it when the CRM runs.
    recordPanels: [
      {
        name: 'resident-notices',
        label: { ja: '送ったお知らせ', en: 'Notices sent' },
        tag: 'notifications-resident-panel',
        entities: ['ResidentProfile'],
      },
    ],
  },
  routes(app, ctx) {
    inboxRoutes(app, ctx);
    residentInboxRoute(app, ctx);
    preferenceRoutes(app, ctx);
    noticeStaffRoutes(app, ctx);
    receiptRoutes(app, ctx);
    catalogueRoutes(app, ctx);
    signalRoutes(app, ctx);
    vendorRoutes(app);
    pushRoutes(app, ctx);
    lineLinkRoute(app, ctx);
  },
});
