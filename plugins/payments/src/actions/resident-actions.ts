import type { ActionContribution } from '@kiban/sdk';
import { definitionOf, issueOne, notForSale, presentCoupon } from '../coupons/index.ts';
import { EXCHANGE, shopAccount } from '../ledger/accounts.ts';
import { spendPoints } from '../ledger/spend.ts';
import { startCheckout } from '../orders/checkout.ts';
import { notForPurchase } from '../orders/errors.ts';
import { callerOf, RESIDENT_ROLE } from '../roles.ts';
import { providerOf, qrKeyOf, returnUrlOf } from '../settings.ts';
import { storeOf } from '../storage/context-store.ts';
import type { Sql } from '../storage/sql.ts';
import { unknownShop } from './errors.ts';
import { IDEMPOTENCY_KEY } from './target.ts';

const uuid = { type: 'string', format: 'uuid' };

async function approvedShop(sql: Sql, shopId: string): Promise<void> {
  const found = await sql.query(`select 1 from shop where id = $1 and status = 'approved'`, [shopId]);
  if (found.rowCount === 0) throw unknownShop();
}

export const residentActions: ActionContribution[] = [
  {
    name: 'payWithPoints',
    label: { ja: 'ポイントで支払う', en: 'Pay with points' },
    input: {
      type: 'object',
      required: ['idempotencyKey', 'shopId', 'points'],
      additionalProperties: false,
      properties: {
        idempotencyKey: IDEMPOTENCY_KEY,
        shopId: uuid,
        points: { type: 'integer', minimum: 1, maximum: 10_000_000 },
      },
    },
    roles: [RESIDENT_ROLE],
    async handler(input, ctx) {
      const request = input as { idempotencyKey: string; shopId: string; points: number };
      const resident = callerOf(ctx.actor);
      return storeOf(ctx).transaction(async (sql) => {
        await approvedShop(sql, request.shopId);
        return spendPoints(sql, {
          idempotencyKey: `pay:${resident.id}:${request.idempotencyKey}`,
          residentId: resident.id,
          to: shopAccount(request.shopId),
          points: request.points,
          now: new Date(),
        });
      });
    },
  } as ActionContribution,
  {
    name: 'exchangePoints',
    label: { ja: 'ポイントをクーポンに交換する', en: 'Exchange points for a coupon' },
    input: {
      type: 'object',
      required: ['idempotencyKey', 'definitionId'],
      additionalProperties: false,
      properties: { idempotencyKey: IDEMPOTENCY_KEY, definitionId: uuid },
    },
    roles: [RESIDENT_ROLE],
    async handler(input, ctx) {
      const request = input as { idempotencyKey: string; definitionId: string };
      const resident = callerOf(ctx.actor);
      return storeOf(ctx).transaction(async (sql) => {
        const definition = await definitionOf(sql, request.definitionId);
        if (definition.pointsPrice === null) throw notForSale();
        const spent = await spendPoints(sql, {
          idempotencyKey: `exchange:${resident.id}:${request.idempotencyKey}`,
          residentId: resident.id,
          to: EXCHANGE,
          points: definition.pointsPrice,
          now: new Date(),
          kind: 'exchange',
          details: { definitionId: definition.id },
        });
        // A retried exchange took its points once and issued its coupon then.
        if (spent.replayed) return { replayed: true, couponId: null };
        return { replayed: false, couponId: await issueOne(sql, definition, resident.id) };
      });
    },
  } as ActionContribution,
  {
    name: 'showCoupon',
    label: { ja: 'クーポンを提示する', en: 'Show a coupon' },
    input: { type: 'object', required: ['couponId'], additionalProperties: false, properties: { couponId: uuid } },
    roles: [RESIDENT_ROLE],
    async handler(input, ctx) {
      const { couponId } = input as { couponId: string };
      const resident = callerOf(ctx.actor);
      const secret = await qrKeyOf(ctx);
      const shown = await storeOf(ctx).transaction((sql) =>
        presentCoupon(sql, secret, couponId, resident.id, new Date()),
      );
      if (!shown) throw notForSale();
      return shown;
    },
  } as ActionContribution,
  {
    name: 'buyVoucher',
    label: { ja: 'プレミアム付商品券を購入する', en: 'Buy a premium voucher' },
    input: {
      type: 'object',
      required: ['idempotencyKey', 'definitionId'],
      additionalProperties: false,
      properties: { idempotencyKey: IDEMPOTENCY_KEY, definitionId: uuid },
    },
    roles: [RESIDENT_ROLE],
    async handler(input, ctx) {
      const request = input as { idempotencyKey: string; definitionId: string };
      const resident = callerOf(ctx.actor);
      const store = storeOf(ctx);
      const found = await store.sql.query<{ price_yen: number | null; name_ja: string }>(
        'select price_yen, name_ja from coupon_definition where id = $1',
        [request.definitionId],
      );
      const definition = found.rows[0];
      if (!definition?.price_yen) throw notForPurchase();
      return startCheckout(store, await providerOf(ctx), {
        idempotencyKey: `voucher:${resident.id}:${request.idempotencyKey}`,
        residentId: resident.id,
        purpose: 'voucher',
        amountYen: Number(definition.price_yen),
        description: definition.name_ja,
        reference: { definitionId: request.definitionId },
        returnUrl: await returnUrlOf(ctx),
      });
    },
  } as ActionContribution,
];
