import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { definePlugin } from '@kiban/sdk';
import { cardActions } from './actions/card-actions.ts';
import { facilityActions } from './actions/facility-actions.ts';
import { shelterActions } from './actions/shelter-actions.ts';
import { publicRoutes } from './http/public-routes.ts';
import { cardRoutes } from './http/routes.ts';
import { FACILITY_ROLE, SHELTER_SEARCH_ROLE, SYSTEM } from './roles.ts';
import { SETTINGS_SCHEMA } from './settings.ts';
import { loadBundledShelters, loadShelters } from './shelter/shelters.ts';
import { OCCUPANCY_CHANNEL } from './shelter/stays.ts';
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
  actions: [...cardActions, ...facilityActions, ...shelterActions],
  publicRoutes,
  routes: cardRoutes,
  realtime: {
    channels: [
      {
        name: OCCUPANCY_CHANNEL,
        authorize: ({ actor }) =>
          actor.kind === 'principal' &&
          (actor.roles.includes(FACILITY_ROLE) || actor.roles.includes(SHELTER_SEARCH_ROLE)),
      },
    ],
  },
  ui: {
    dir: fileURLToPath(new URL('../ui', import.meta.url)),
    entry: 'index.js',
    components: ['citizen-card-wallet'],
    staffPages: [
      {
        name: 'verify',
        label: { ja: '市民カードの確認', en: 'Check a citizen card' },
        tag: 'citizen-card-verifier',
        menuOrder: 10,
      },
      {
        name: 'shelter-desk',
        label: { ja: '避難所の受付', en: 'Shelter desk' },
        tag: 'citizen-card-shelter-desk',
        menuOrder: 20,
      },
    ],
  },
  async install(ctx) {
    await loadBundledShelters(ctx, SYSTEM);
  },
  cli: [
    {
      name: 'citizen-card-shelters',
      summary: 'FILE — load a shelter list (the city open data format) into the citizen card plugin',
      async run(args, ctx) {
        const [file] = args;
        if (!file) throw new Error('usage: kiban citizen-card-shelters FILE');
        console.log(`${await loadShelters(ctx, SYSTEM, await readFile(file, 'utf8'))} shelters loaded`);
      },
    },
  ],
});
