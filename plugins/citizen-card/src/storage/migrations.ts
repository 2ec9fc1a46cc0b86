import type { PluginMigration } from '@kiban/sdk';
import { CARD_SCHEMA } from './card-schema.ts';
import { OFFLINE_PICKUP_SCHEMA } from './offline-pickup-schema.ts';
import { PROTECTION_SCHEMA } from './protection-schema.ts';
import { SHELTER_SCHEMA } from './shelter-schema.ts';

/** Append-only: a released migration is never edited; changes come as new ones. */
export const MIGRATIONS: PluginMigration[] = [
  { id: '001-cards', sql: CARD_SCHEMA },
  { id: '002-shelters-and-relief', sql: SHELTER_SCHEMA },
  { id: '003-offline-pickups', sql: OFFLINE_PICKUP_SCHEMA },
  { id: '004-dv-protection', sql: PROTECTION_SCHEMA },
];
