import { fileURLToPath } from 'node:url';
import { definePlugin } from '@kiban/sdk';
import { bookAction } from './book-action.ts';
import { cancelAction } from './cancel-action.ts';
import { dateListType, weeklyHoursType } from './field-types.ts';
import { configuredTimeZone, localNow } from './local-clock.ts';
import { residentReservationTimeline } from './resident-timeline.ts';
import { reservationRoutes } from './routes.ts';

/**
 * Facility and counter reservations (functions #28 online reservations and #51 reservation
 * status). The entities, forms, views and roles are metadata; the code adds what metadata
 * cannot say: booking that never overbooks, cancelling, and the occupancy figures.
 */
export default definePlugin({
  name: 'reservations',
  version: '0.1.0',
  requires: { engine: '>=0.1.0' },
  metadata: [fileURLToPath(new URL('../metadata', import.meta.url))],
  fieldTypes: [weeklyHoursType, dateListType],
  actions: [bookAction, cancelAction],
  routes: reservationRoutes,
  timelines: [residentReservationTimeline],
  ui: {
    dir: fileURLToPath(new URL('../ui', import.meta.url)),
    entry: 'index.js',
    // Under resident profiles (the CRM's entity): the resident 360 shows it when the CRM runs.
    recordPanels: [
      {
        name: 'resident-reservations',
        label: { ja: '施設予約', en: 'Facility reservations' },
        tag: 'reservations-resident-panel',
        entities: ['ResidentProfile'],
      },
    ],
  },
  async start(ctx) {
    // An unknown time zone would otherwise surface only at the first booking.
    localNow(configuredTimeZone(ctx.config));
  },
});
