import type { ActionContribution } from '@kiban/sdk';
import { type AlertSettings, saveAlertSettings } from '../kpis/alerts.ts';
import { ROLE, staffCaller } from '../roles.ts';
import * as schema from '../schemas.ts';
import { type CannedReplyInput, removeCannedReply, saveCannedReply } from './canned-replies.ts';
import { saveWrapUpCode } from './wrap-up.ts';

/** What supervisors keep: canned replies (per queue and language), wrap-up codes and the alert thresholds. */
export const consoleSetupActions: ActionContribution[] = [
  {
    name: 'saveCannedReply',
    label: { ja: '定型文を保存する', en: 'Save a canned reply' },
    input: schema.cannedReplySchema,
    roles: [ROLE.supervisor],
    handler: (input, ctx) => saveCannedReply(ctx, staffCaller(ctx.actor), input as CannedReplyInput),
  },
  {
    name: 'removeCannedReply',
    label: { ja: '定型文を削除する', en: 'Remove a canned reply' },
    input: schema.cannedReplyKeySchema,
    roles: [ROLE.supervisor],
    handler: (input, ctx) => {
      const { code, language } = input as { code: string; language: string };
      return removeCannedReply(ctx, staffCaller(ctx.actor), code, language);
    },
  },
  {
    name: 'saveWrapUpCode',
    label: { ja: '対応結果コードを保存する', en: 'Save a wrap-up code' },
    input: schema.wrapUpCodeSchema,
    roles: [ROLE.supervisor],
    handler: (input, ctx) => saveWrapUpCode(ctx, staffCaller(ctx.actor), input as never),
  },
  {
    name: 'configureAlerts',
    label: { ja: 'アラートを設定する', en: 'Configure alerts' },
    input: schema.alertSettingsSchema,
    roles: [ROLE.supervisor],
    handler: (input, ctx) => saveAlertSettings(ctx, staffCaller(ctx.actor), input as unknown as AlertSettings),
  },
];
