import { type ActionContribution, PluginError } from '@kiban/sdk';
import { RESIDENT_ROLE } from '../roles.ts';
import { storeOf } from '../storage/context-store.ts';

/** The field of an application record that states its fee in yen (as `payFee` reads it). */
const FEE_FIELD = 'feeYen';

function paymentRequired(fee: number): PluginError {
  const message = {
    ja: `手数料 ${fee} 円のお支払いが確認できません。お支払いを済ませてから申請してください。`,
    en: `The fee of ${fee} yen has not been paid. Please pay it before you submit.`,
  };
  return new PluginError('payments.paymentRequired', 402, message, [
    { pointer: `/${FEE_FIELD}`, code: 'payments.paymentRequired', message },
  ]);
}

/**
 * Pay before submit: a workflow names this action in its submitting transition
 * (`{ "type": "callAction", "action": "payments.requirePaidFee", "input": { "entity": …,
 * "recordId": "$record.id" } }`). It runs inside the transition's transaction, so refusing
 * here leaves the record in its state. It passes when the record states no fee, or when an
 * order for this record was paid — captured at the fee the record states, not refunded.
 */
export const feeGateActions: ActionContribution[] = [
  {
    name: 'requirePaidFee',
    label: { ja: '手数料の支払いを確かめる', en: 'Check that the fee is paid' },
    input: {
      type: 'object',
      required: ['entity', 'recordId'],
      additionalProperties: false,
      properties: {
        entity: { type: 'string', pattern: '^[A-Z][A-Za-z0-9]*$' },
        recordId: { type: 'string', format: 'uuid' },
      },
    },
    roles: [RESIDENT_ROLE],
    async handler(input, ctx) {
      const { entity, recordId } = input as { entity: string; recordId: string };
      // Read as whoever submits: a record they may not see cannot be vouched for.
      const record = await ctx.data(ctx.actor).get(entity, recordId);
      const fee = record[FEE_FIELD];
      if (fee === null || fee === undefined || fee === 0) return { paid: false, required: false };
      const paid = await storeOf(ctx).sql.query<{ id: string }>(
        `select id from payment_order
         where purpose = 'fee' and reference->>'entity' = $1 and reference->>'recordId' = $2
           and status = 'fulfilled' and amount_yen = $3 and refunded_yen = 0
         limit 1`,
        [entity, recordId, fee],
      );
      const order = paid.rows[0];
      if (!order) throw paymentRequired(Number(fee));
      return { paid: true, required: true, orderId: order.id };
    },
  } as ActionContribution,
];
