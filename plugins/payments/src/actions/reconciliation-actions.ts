import type { ActionContribution } from '@kiban/sdk';
import { reconcileSettlement } from '../reconciliation/reconcile-settlement.ts';
import { STAFF_ROLE } from '../roles.ts';
import { storeOf } from '../storage/context-store.ts';

const DAY = 86_400_000;

export const reconciliationActions: ActionContribution[] = [
  {
    name: 'reconcileSettlement',
    label: { ja: '精算レポートを突き合わせる', en: 'Reconcile a settlement report' },
    input: {
      type: 'object',
      required: ['date', 'report'],
      additionalProperties: false,
      properties: {
        /** The day (Japan time) whose payments the report settles. */
        date: { type: 'string', format: 'date' },
        /** The settlement report CSV as downloaded from the provider. */
        report: { type: 'string', minLength: 1, maxLength: 5_000_000 },
      },
    },
    roles: [STAFF_ROLE],
    async handler(input, ctx) {
      const { date, report } = input as { date: string; report: string };
      const from = new Date(`${date}T00:00:00+09:00`);
      const result = await reconcileSettlement(storeOf(ctx), report, {
        from,
        to: new Date(from.getTime() + DAY),
        runDate: date,
      });
      const counts: Record<string, number> = {};
      for (const mismatch of result.mismatches) counts[mismatch.kind] = (counts[mismatch.kind] ?? 0) + 1;
      await ctx.audit({
        actor: ctx.actor,
        action: 'payments.reconcileSettlement',
        details: { date, lines: result.lines, mismatches: counts },
      });
      return result;
    },
  } as ActionContribution,
];
