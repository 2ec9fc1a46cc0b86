import { fileURLToPath } from 'node:url';
import { definePlugin, type PluginDefinition } from '@kiban/sdk';
import { CASES_CHANNEL, mayJoinCases } from './cases/live.ts';
import { addNote, followUpAction, handOver } from './cases/notes.ts';
import { openCaseAction } from './cases/open-case.ts';
import { caseChanges, followUpReminder } from './cases/reminders.ts';
import { type Clock, systemClock } from './clock.ts';
import { ROLE } from './entities.ts';
import { setConsent } from './integration/consent-action.ts';
import { enableSystem, registerSystem, retryDelivery } from './integration/system-actions.ts';
import { dispatchJob, PARALLEL_QUEUES } from './outbound/dispatch.ts';
import { DISPATCH_JOB, enqueueDeliveries } from './outbound/enqueue.ts';
import { ALERT_CHANNEL } from './outbound/gone.ts';
import { createWebhookSender } from './outbound/send.ts';
import { sweepJob } from './outbound/sweep.ts';
import { matchKeys } from './residents/match-key.ts';
import { mergeResidents, undoMerge } from './residents/merge.ts';
import { timelineContributions, timelineRecords } from './residents/timeline.ts';
import { crmRoutes, publicIntakeRoutes } from './routes.ts';
import { settingsSchema } from './settings.ts';
import { staffUi } from './staff-ui.ts';
import { crmStorage } from './storage.ts';

export interface CrmOptions {
  /** The time back-off and due dates are decided by; the system clock when absent. */
  clock?: Clock;
}

/**
 * Resident CRM (functions #23, #24, #37, #38, #46, #47, #50). Cases, profiles, connected
 * systems, consents and the delivery log are metadata; the code adds what metadata cannot
 * say: signed webhook delivery in order with retries, the authenticated intake API and the
 * CSV import of statuses.
 */
export function createCrmPlugin(options: CrmOptions = {}): PluginDefinition {
  const clock = options.clock ?? systemClock;
  const sender = createWebhookSender(PARALLEL_QUEUES);
  return definePlugin({
    name: 'crm',
    version: '0.1.0',
    requires: { engine: '>=0.1.0' },
    metadata: [fileURLToPath(new URL('../metadata', import.meta.url))],
    settings: { schema: settingsSchema },
    storage: crmStorage,
    actions: [
      registerSystem,
      enableSystem,
      retryDelivery,
      setConsent,
      openCaseAction(clock),
      addNote,
      handOver,
      followUpAction(clock),
      mergeResidents,
      undoMerge,
    ],
    // Keep the order: a handler is known by its position.
    events: [enqueueDeliveries, caseChanges(clock), timelineRecords, timelineContributions, matchKeys],
    jobs: [dispatchJob(clock, sender), sweepJob, followUpReminder],
    realtime: {
      channels: [
        {
          name: ALERT_CHANNEL,
          authorize: ({ actor }) => actor.kind === 'principal' && actor.roles.includes(ROLE.integrationAdmin),
        },
        { name: CASES_CHANNEL, authorize: ({ actor, room }) => mayJoinCases(actor, room) },
      ],
    },
    publicRoutes: { rateLimit: { requests: 600, perSeconds: 60 }, routes: publicIntakeRoutes },
    routes: crmRoutes(clock),
    ui: staffUi,
    async stop() {
      sender.close();
    },
  });
}

export { DISPATCH_JOB };
export default createCrmPlugin();
