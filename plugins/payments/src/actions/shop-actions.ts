import type { ActionContribution } from '@kiban/sdk';
import { redeemCoupon } from '../coupons/index.ts';
import { callerOf, SHOP_ROLE } from '../roles.ts';
import { qrKeyOf } from '../settings.ts';
import { memberShop, registerShop, SHOP_INPUT, type ShopInput } from '../shops/shops.ts';
import { storeOf } from '../storage/context-store.ts';
import { notShopMember } from './errors.ts';

export const shopActions: ActionContribution[] = [
  {
    name: 'registerShop',
    label: { ja: '協力店舗・施設として登録を申請する', en: 'Apply as a participating shop or facility' },
    input: SHOP_INPUT,
    roles: [SHOP_ROLE],
    async handler(input, ctx) {
      const applicant = callerOf(ctx.actor);
      const id = await storeOf(ctx).transaction((sql) => registerShop(sql, input as ShopInput, applicant.id));
      return { id, status: 'pending' };
    },
  } as ActionContribution,
  {
    name: 'redeem',
    label: { ja: 'クーポン・チケットを使用済みにする', en: 'Redeem a coupon or ticket' },
    input: {
      type: 'object',
      required: ['shopId'],
      additionalProperties: false,
      properties: {
        shopId: { type: 'string', format: 'uuid' },
        token: { type: 'string', minLength: 20, maxLength: 2000 },
        code: { type: 'string', minLength: 10, maxLength: 20 },
      },
    },
    roles: [SHOP_ROLE],
    async handler(input, ctx) {
      const request = input as { shopId: string; token?: string; code?: string };
      const clerk = callerOf(ctx.actor);
      const secret = await qrKeyOf(ctx);
      return storeOf(ctx).transaction(async (sql) => {
        if (!(await memberShop(sql, clerk.id, request.shopId))) throw notShopMember();
        return redeemCoupon(sql, {
          secret,
          token: request.token,
          code: request.code,
          shopId: request.shopId,
          staffId: clerk.id,
          now: new Date(),
        });
      });
    },
  } as ActionContribution,
];
