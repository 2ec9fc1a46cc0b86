import type { ActionContribution } from '@kiban/sdk';
import { ADJUSTMENT_INPUT, decideAdjustment, requestAdjustment } from '../adjustments/adjustments.ts';
import {
  CAMPAIGN_INPUT,
  type CampaignInput,
  campaignOf,
  createCampaign,
  createRule,
  expiryOf,
  RULE_INPUT,
  type RuleInput,
} from '../campaigns/index.ts';
import {
  createDefinition,
  DEFINITION_INPUT,
  type DefinitionInput,
  definitionOf,
  distribute,
} from '../coupons/index.ts';
import { grantToPopulation } from '../ledger/grant.ts';
import { refundOrder } from '../orders/refund.ts';
import { STAFF_ROLE } from '../roles.ts';
import { providerOf } from '../settings.ts';
import { decideShop } from '../shops/shops.ts';
import { storeOf } from '../storage/context-store.ts';
import { conditionNeedsEntity, unknownCampaign } from './errors.ts';
import { IDEMPOTENCY_KEY, selectTarget, TARGET_SCHEMA, type Target } from './target.ts';

const uuid = { type: 'string', format: 'uuid' };
const decision = { enum: ['approve', 'reject'] };

export const staffActions: ActionContribution[] = [
  {
    name: 'createCampaign',
    label: { ja: 'キャンペーンを作る', en: 'Create a campaign' },
    input: CAMPAIGN_INPUT,
    roles: [STAFF_ROLE],
    async handler(input, ctx) {
      const id = await storeOf(ctx).transaction(async (sql) => {
        const created = await createCampaign(sql, input as CampaignInput, String((ctx.actor as { id: string }).id));
        await ctx.audit({ actor: ctx.actor, action: 'payments.createCampaign', details: { campaignId: created } });
        return created;
      });
      return { id };
    },
  } as ActionContribution,
  {
    name: 'createEarningRule',
    label: { ja: 'ポイント付与ルールを作る', en: 'Create an earning rule' },
    input: RULE_INPUT,
    roles: [STAFF_ROLE],
    async handler(input, ctx) {
      const rule = input as RuleInput;
      if (rule.condition) {
        // Compiled once here, so that a bad condition is refused now rather than failing every event.
        if (!rule.entity) throw conditionNeedsEntity();
        await ctx.segments.select(rule.entity, rule.condition);
      }
      const id = await storeOf(ctx).transaction(async (sql) => {
        if (!(await campaignOf(sql, rule.campaignId))) throw unknownCampaign();
        return createRule(sql, rule, String((ctx.actor as { id: string }).id));
      });
      return { id };
    },
  } as ActionContribution,
  {
    name: 'grantToSegment',
    label: { ja: '対象者にポイントを付与する', en: 'Grant points to a segment' },
    input: {
      type: 'object',
      required: ['idempotencyKey', 'campaignId', 'target', 'points'],
      additionalProperties: false,
      properties: {
        idempotencyKey: IDEMPOTENCY_KEY,
        campaignId: uuid,
        target: TARGET_SCHEMA,
        points: { type: 'integer', minimum: 1, maximum: 1_000_000 },
      },
    },
    roles: [STAFF_ROLE],
    async handler(input, ctx) {
      const request = input as { idempotencyKey: string; campaignId: string; target: Target; points: number };
      const recipients = await selectTarget(ctx, request.target);
      return storeOf(ctx).transaction(async (sql) => {
        const campaign = await campaignOf(sql, request.campaignId);
        if (!campaign) throw unknownCampaign();
        const result = await grantToPopulation(sql, {
          idempotencyKey: `segment:${request.idempotencyKey}`,
          campaignId: campaign.id,
          recipients,
          points: request.points,
          expiresAt: expiryOf(campaign, new Date()),
          reason: 'segment',
        });
        await ctx.audit({
          actor: ctx.actor,
          action: 'payments.grantToSegment',
          details: { campaignId: campaign.id, recipients: result.recipients, points: request.points },
        });
        return result;
      });
    },
  } as ActionContribution,
  {
    name: 'defineCoupon',
    label: { ja: 'クーポン・チケットを定義する', en: 'Define a coupon or ticket' },
    input: DEFINITION_INPUT,
    roles: [STAFF_ROLE],
    async handler(input, ctx) {
      const id = await storeOf(ctx).transaction((sql) =>
        createDefinition(sql, input as DefinitionInput, String((ctx.actor as { id: string }).id)),
      );
      return { id };
    },
  } as ActionContribution,
  {
    name: 'distributeCoupon',
    label: { ja: 'クーポン・チケットを配布する', en: 'Distribute a coupon or ticket' },
    input: {
      type: 'object',
      required: ['idempotencyKey', 'definitionId', 'target'],
      additionalProperties: false,
      properties: { idempotencyKey: IDEMPOTENCY_KEY, definitionId: uuid, target: TARGET_SCHEMA },
    },
    roles: [STAFF_ROLE],
    async handler(input, ctx) {
      const request = input as { idempotencyKey: string; definitionId: string; target: Target };
      const recipients = await selectTarget(ctx, request.target);
      return storeOf(ctx).transaction(async (sql) => {
        const result = await distribute(
          sql,
          request.idempotencyKey,
          await definitionOf(sql, request.definitionId),
          recipients,
        );
        await ctx.audit({
          actor: ctx.actor,
          action: 'payments.distributeCoupon',
          details: { definitionId: request.definitionId, issued: result.issued },
        });
        return result;
      });
    },
  } as ActionContribution,
  {
    name: 'decideShop',
    label: { ja: '店舗・施設の登録を審査する', en: 'Review a shop registration' },
    input: {
      type: 'object',
      required: ['shopId', 'decision'],
      additionalProperties: false,
      properties: { shopId: uuid, decision },
    },
    roles: [STAFF_ROLE],
    async handler(input, ctx) {
      const request = input as { shopId: string; decision: 'approve' | 'reject' };
      return storeOf(ctx).transaction(async (sql) => {
        const result = await decideShop(
          sql,
          request.shopId,
          request.decision,
          String((ctx.actor as { id: string }).id),
        );
        await ctx.audit({
          actor: ctx.actor,
          action: 'payments.decideShop',
          details: { shopId: request.shopId, ...result },
        });
        return result;
      });
    },
  } as ActionContribution,
  {
    name: 'requestAdjustment',
    label: { ja: 'ポイントの手動調整を申請する', en: 'Request a manual adjustment' },
    input: ADJUSTMENT_INPUT,
    roles: [STAFF_ROLE],
    async handler(input, ctx) {
      const id = await storeOf(ctx).transaction(async (sql) => {
        const created = await requestAdjustment(sql, input as never, String((ctx.actor as { id: string }).id));
        await ctx.audit({ actor: ctx.actor, action: 'payments.requestAdjustment', details: { adjustmentId: created } });
        return created;
      });
      return { id };
    },
  } as ActionContribution,
  {
    name: 'decideAdjustment',
    label: { ja: 'ポイントの手動調整を承認・却下する', en: 'Approve or reject a manual adjustment' },
    input: {
      type: 'object',
      required: ['adjustmentId', 'decision'],
      additionalProperties: false,
      properties: { adjustmentId: uuid, decision },
    },
    roles: [STAFF_ROLE],
    async handler(input, ctx) {
      const request = input as { adjustmentId: string; decision: 'approve' | 'reject' };
      return storeOf(ctx).transaction(async (sql) => {
        const result = await decideAdjustment(
          sql,
          request.adjustmentId,
          request.decision,
          String((ctx.actor as { id: string }).id),
          new Date(),
        );
        await ctx.audit({
          actor: ctx.actor,
          action: 'payments.decideAdjustment',
          details: { adjustmentId: request.adjustmentId, ...result },
        });
        return result;
      });
    },
  } as ActionContribution,
  {
    name: 'refund',
    label: { ja: '支払いを返金する', en: 'Refund a payment' },
    input: {
      type: 'object',
      required: ['orderId', 'amountYen', 'reason'],
      additionalProperties: false,
      properties: {
        orderId: uuid,
        amountYen: { type: 'integer', minimum: 1, maximum: 10_000_000 },
        reason: { type: 'string', minLength: 5, maxLength: 500 },
      },
    },
    roles: [STAFF_ROLE],
    async handler(input, ctx) {
      const request = input as { orderId: string; amountYen: number; reason: string };
      const result = await refundOrder(storeOf(ctx), await providerOf(ctx), request.orderId, request.amountYen);
      await ctx.audit({
        actor: ctx.actor,
        action: 'payments.refund',
        details: { orderId: request.orderId, amountYen: request.amountYen, reason: request.reason },
      });
      return result;
    },
  } as ActionContribution,
];
