import type { ActionContribution } from '@kiban/sdk';
import { RULE_UPDATE_INPUT, type RuleUpdate, updateRule } from '../campaigns/index.ts';
import { STAFF_ROLE } from '../roles.ts';
import { storeOf } from '../storage/context-store.ts';

/** Editing and disabling earning rules (creating one is among the staff actions). */
export const earningRuleActions: ActionContribution[] = [
  {
    name: 'updateEarningRule',
    label: { ja: 'ポイント付与ルールを変更・停止する', en: 'Change or disable an earning rule' },
    input: RULE_UPDATE_INPUT,
    roles: [STAFF_ROLE],
    async handler(input, ctx) {
      const update = input as RuleUpdate;
      return storeOf(ctx).transaction(async (sql) => {
        const result = await updateRule(sql, update);
        await ctx.audit({ actor: ctx.actor, action: 'payments.updateEarningRule', details: { ...update } });
        return result;
      });
    },
  } as ActionContribution,
];
