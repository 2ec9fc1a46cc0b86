import type { ActionContribution } from '@kiban/sdk';
import { listConflicts, SETTLEMENTS, type Settlement, settleConflict } from '../relief/conflicts.ts';
import { type OfflinePickup, syncPickups } from '../relief/offline-sync.ts';
import { createDistribution, type DistributionInput, pickUp } from '../relief/pickups.ts';
import { callerOf, FACILITY_ROLE, SHELTER_SEARCH_ROLE } from '../roles.ts';
import { EVACUATION_STATUSES, setEvacuationStatus } from '../shelter/evacuation-status.ts';
import { checkIn, checkOut } from '../shelter/stays.ts';
import { ID, NONCE, PRESENTATION, SITE } from './schemas.ts';

/** Shelter check-in and out by card, residents' evacuation status, relief distributions and pickups. */
export const shelterActions: ActionContribution[] = [
  {
    name: 'shelterCheckIn',
    label: { ja: '避難所に受け入れ', en: 'Check in at a shelter' },
    roles: [FACILITY_ROLE],
    input: {
      type: 'object',
      required: ['presentation', 'shelterId'],
      additionalProperties: false,
      properties: { presentation: PRESENTATION, shelterId: ID, nonce: NONCE },
    },
    handler: (input, ctx) =>
      checkIn(ctx, callerOf(ctx.actor), input as { presentation: string; shelterId: string }, new Date()),
  },
  {
    name: 'shelterCheckOut',
    label: { ja: '避難所から退所', en: 'Check out of a shelter' },
    roles: [FACILITY_ROLE],
    input: { type: 'object', required: ['stayId'], additionalProperties: false, properties: { stayId: ID } },
    handler: (input, ctx) => checkOut(ctx, callerOf(ctx.actor), (input as { stayId: string }).stayId),
  },
  {
    name: 'setEvacuationStatus',
    label: { ja: '世帯の避難状況を登録', en: 'Set my household’s evacuation status' },
    input: {
      type: 'object',
      required: ['status'],
      additionalProperties: false,
      properties: { status: { enum: [...EVACUATION_STATUSES] }, shelterId: ID },
    },
    handler: (input, ctx) =>
      setEvacuationStatus(ctx, callerOf(ctx.actor), input as Parameters<typeof setEvacuationStatus>[2]),
  },
  {
    name: 'createDistribution',
    label: { ja: '救援物資の配布を登録', en: 'Define a relief distribution' },
    roles: [SHELTER_SEARCH_ROLE],
    input: {
      type: 'object',
      required: ['name', 'items', 'per'],
      additionalProperties: false,
      properties: {
        name: { type: 'string', minLength: 1, maxLength: 200 },
        items: { type: 'array', minItems: 1, maxItems: 50, items: { type: 'string', minLength: 1, maxLength: 100 } },
        per: { enum: ['household', 'person'] },
      },
    },
    handler: (input, ctx) => createDistribution(ctx, callerOf(ctx.actor), input as DistributionInput),
  },
  {
    name: 'pickUp',
    label: { ja: '救援物資の受け渡し', en: 'Hand out relief supplies' },
    roles: [FACILITY_ROLE],
    input: {
      type: 'object',
      required: ['distributionId', 'presentation', 'site'],
      additionalProperties: false,
      properties: { distributionId: ID, presentation: PRESENTATION, site: SITE, nonce: NONCE },
    },
    handler: (input, ctx) =>
      pickUp(
        ctx,
        callerOf(ctx.actor),
        input as { distributionId: string; presentation: string; site: string; nonce?: string },
        new Date(),
      ),
  },
  {
    name: 'syncPickups',
    label: { ja: 'オフライン中の受け渡しを同期', en: 'Sync pickups recorded offline' },
    roles: [FACILITY_ROLE],
    input: {
      type: 'object',
      required: ['site', 'pickups'],
      additionalProperties: false,
      properties: {
        site: SITE,
        pickups: {
          type: 'array',
          minItems: 1,
          maxItems: 500,
          items: {
            type: 'object',
            required: ['clientId', 'distributionId', 'presentation', 'scannedAt'],
            additionalProperties: false,
            properties: {
              clientId: ID,
              distributionId: { type: 'string', format: 'uuid' },
              presentation: PRESENTATION,
              scannedAt: { type: 'string', format: 'date-time' },
              nonce: NONCE,
            },
          },
        },
      },
    },
    handler: (input, ctx) =>
      syncPickups(ctx, callerOf(ctx.actor), input as { site: string; pickups: OfflinePickup[] }, new Date()),
  },
  {
    name: 'pickupConflicts',
    label: { ja: '受け渡しの競合一覧', en: 'Pickup conflicts' },
    roles: [SHELTER_SEARCH_ROLE],
    input: {
      type: 'object',
      additionalProperties: false,
      properties: { distributionId: { type: 'string', format: 'uuid' }, includeSettled: { type: 'boolean' } },
    },
    handler: (input, ctx) =>
      listConflicts(ctx, callerOf(ctx.actor), input as { distributionId?: string; includeSettled?: boolean }),
  },
  {
    name: 'settlePickupConflict',
    label: { ja: '受け渡しの競合を処理済みにする', en: 'Settle a pickup conflict' },
    roles: [SHELTER_SEARCH_ROLE],
    input: {
      type: 'object',
      required: ['conflictId', 'settlement'],
      additionalProperties: false,
      properties: { conflictId: { type: 'string', format: 'uuid' }, settlement: { enum: [...SETTLEMENTS] } },
    },
    handler: (input, ctx) =>
      settleConflict(ctx, callerOf(ctx.actor), input as { conflictId: string; settlement: Settlement }),
  },
];
