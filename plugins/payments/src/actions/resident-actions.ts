import type { ActionContribution } from '@kiban/sdk';
import QRCode from 'qrcode';
import { couponNotUsable, definitionOf, issueOne, notForSale, presentCoupon } from '../coupons/index.ts';
import { EXCHANGE, shopAccount } from '../ledger/accounts.ts';
import { spendPoints } from '../ledger/spend.ts';
import { startCheckout } from '../orders/checkout.ts';
import { notForPurchase, unknownOrder } from '../orders/errors.ts';
import { releaseReservation, reserveVoucher } from '../orders/reservations.ts';
import { callerOf, RESIDENT_ROLE } from '../roles.ts';
import { providerOf, qrKeyOf, returnUrlOf } from '../settings.ts';
import { storeOf } from '../storage/context-store.ts';
import type { Sql } from '../storage/sql.ts';
import { noFee, unknownShop } from './errors.ts';
import { IDEMPOTENCY_KEY } from './target.ts';

const uuid = { type: 'string', format: 'uuid' };
/** The field of an application record that states its fee in yen (e.g. a bulky-waste request). */
const FEE_FIELD = 'feeYen';
/** How long the provider's page stays open for a payment (a voucher is held as long). */
const CHECKOUT_SECONDS = 30 * 60;

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
      if (!shown) throw couponNotUsable();
      // The QR image is drawn here, so that the browser needs no QR library of its own.
      const qrSvg = await QRCode.toString(shown.token, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
      return { ...shown, qrSvg };
    },
  } as ActionContribution,
  {
    name: 'payFee',
    label: { ja: '手数料を支払う', en: 'Pay a fee' },
    input: {
      type: 'object',
      required: ['idempotencyKey', 'entity', 'recordId'],
      additionalProperties: false,
      properties: {
        idempotencyKey: IDEMPOTENCY_KEY,
        entity: { type: 'string', pattern: '^[A-Z][A-Za-z0-9]*$' },
        recordId: uuid,
      },
    },
    roles: [RESIDENT_ROLE],
    async handler(input, ctx) {
      const request = input as { idempotencyKey: string; entity: string; recordId: string };
      const resident = callerOf(ctx.actor);
      // Read as the resident: only a record they may see can be paid for, at the fee it states.
      const record = await ctx.data(resident).get(request.entity, request.recordId);
      const fee = record[FEE_FIELD];
      if (typeof fee !== 'number' || !Number.isInteger(fee) || fee <= 0) throw noFee();
      return startCheckout(storeOf(ctx), await providerOf(ctx), {
        idempotencyKey: `fee:${resident.id}:${request.idempotencyKey}`,
        residentId: resident.id,
        purpose: 'fee',
        amountYen: fee,
        description: `${request.entity} ${request.recordId}`,
        reference: { entity: request.entity, recordId: request.recordId },
        returnUrl: await returnUrlOf(ctx),
        expiresInSeconds: CHECKOUT_SECONDS,
      });
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
        expiresInSeconds: CHECKOUT_SECONDS,
        reserve: (sql, orderId, expiresAt) =>
          reserveVoucher(sql, { orderId, definitionId: request.definitionId, residentId: resident.id, expiresAt }),
      });
    },
  } as ActionContribution,
  {
    name: 'cancelCheckout',
    label: { ja: '購入をやめる', en: 'Cancel the purchase' },
    input: { type: 'object', required: ['orderId'], additionalProperties: false, properties: { orderId: uuid } },
    roles: [RESIDENT_ROLE],
    async handler(input, ctx) {
      const { orderId } = input as { orderId: string };
      const resident = callerOf(ctx.actor);
      return storeOf(ctx).transaction(async (sql) => {
        const own = await sql.query<{ status: string }>(
          'select status from payment_order where id = $1 and resident_id = $2 for update',
          [orderId, resident.id],
        );
        const order = own.rows[0];
        if (!order) throw unknownOrder();
        // A paid order stays paid (a refund is staff's); an unpaid one gives its voucher back.
        if (order.status !== 'created' && order.status !== 'pending') return { status: order.status };
        await releaseReservation(sql, orderId, 'cancelled');
        await sql.query(`update payment_order set status = 'cancelled' where id = $1`, [orderId]);
        return { status: 'cancelled' };
      });
    },
  } as ActionContribution,
];
