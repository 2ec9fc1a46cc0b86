import type { ActionContribution } from '@kiban/sdk';
import type { Clock } from '../clock.ts';
import { ROLE, STAFF_ROLES, staffCaller } from '../roles.ts';
import * as schema from '../schemas.ts';
import { type CallbackInput, completeCallback, requestCallback } from './callbacks.ts';
import { saveServiceHours, setClosureDay } from './store.ts';

/** Service hours (supervisors keep the calendar), and callback requests left outside them. */
export function serviceHoursActions(clock: Clock): ActionContribution[] {
  return [
    {
      name: 'saveServiceHours',
      label: { ja: '受付時間を設定する', en: 'Set the service hours' },
      input: schema.serviceHoursSchema,
      roles: [ROLE.supervisor],
      handler: (input, ctx) => saveServiceHours(ctx, staffCaller(ctx.actor), input as never),
    },
    {
      name: 'setClosureDay',
      label: { ja: '休業日を設定する', en: 'Set a closure day' },
      input: schema.closureDaySchema,
      roles: [ROLE.supervisor],
      handler: (input, ctx) => setClosureDay(ctx, staffCaller(ctx.actor), input as never),
    },
    {
      name: 'requestCallback',
      label: { ja: '折り返しを依頼する', en: 'Ask to be called back' },
      input: schema.callbackSchema,
      handler: (input, ctx) =>
        requestCallback(ctx, clock, { kind: 'principal', actor: ctx.actor }, input as unknown as CallbackInput),
    },
    {
      name: 'completeCallback',
      label: { ja: '折り返しを完了する', en: 'Complete a callback' },
      input: schema.completeCallbackSchema,
      roles: STAFF_ROLES,
      handler: (input, ctx) => completeCallback(ctx, staffCaller(ctx.actor), input as never),
    },
  ];
}
