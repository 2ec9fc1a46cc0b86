import { fileURLToPath } from 'node:url';
import { definePlugin } from '@kiban/sdk';
import { cardActions } from './actions/card-actions.ts';
import { facilityActions } from './actions/facility-actions.ts';
import { publicRoutes } from './http/public-routes.ts';
import { cardRoutes } from './http/routes.ts';
import { SETTINGS_SCHEMA } from './settings.ts';
import { MIGRATIONS } from './storage/migrations.ts';

/**
 * The digital citizen card (function #5): an SD-JWT VC signed by the city, shown as a QR code
 * that discloses only what a facility may ask for, verified offline against the city's cached
 * JWKS and status list; shelter check-in and one relief pickup per household.
 */
export default definePlugin({
  name: 'citizen-card',
  version: '0.1.0',
  requires: { engine: '>=0.1.0' },
  metadata: [fileURLToPath(new URL('../metadata', import.meta.url))],
  storage: { migrations: MIGRATIONS },
  settings: { schema: SETTINGS_SCHEMA },
  actions: [...cardActions, ...facilityActions],
  publicRoutes,
  routes: cardRoutes,
});
