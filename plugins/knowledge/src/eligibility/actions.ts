import { type ActionContribution, type PluginContext, PluginError } from '@kiban/sdk';
import { readPreference, residentId, writeArea, writeConsent } from '../residents/preferences.ts';
import { eligibleBenefits } from './eligible-benefits.ts';

const cityToday = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' });

/** Refuses an area the guide does not know, so that nothing is remembered that no answer can use. */
async function requireArea(ctx: PluginContext, city: string | null, area: string): Promise<void> {
  const filter = { name: { eq: area }, ...(city ? { city: { eq: city } } : {}) };
  if ((await ctx.data({ kind: 'system' }).count('CollectionArea', filter)) > 0) return;
  throw new PluginError(
    'knowledge.unknownArea',
    422,
    { ja: `収集地区「${area}」は登録されていません。`, en: `There is no collection area "${area}".` },
    [
      {
        pointer: '/area',
        code: 'knowledge.unknownArea',
        message: { ja: '登録されている収集地区を選んでください。', en: 'Pick a registered collection area.' },
      },
    ],
  );
}

/**
 * The signed-in resident's own side of the knowledge services: consent to have benefit
 * conditions checked against their records, the benefits they may be eligible for, and the
 * garbage area they picked (remembered for the next visit and for the search).
 */
export const residentActions: ActionContribution[] = [
  {
    name: 'myPreferences',
    label: { ja: '自分の設定（ナレッジ）', en: 'My knowledge preferences' },
    input: { type: 'object', additionalProperties: false, properties: {} },
    handler: async (_input, ctx) => readPreference(ctx.sql, residentId(ctx.actor)),
  },
  {
    name: 'setEligibilityConsent',
    label: { ja: '制度の対象確認への同意', en: 'Consent to the benefit check' },
    input: {
      type: 'object',
      required: ['consent'],
      additionalProperties: false,
      properties: { consent: { type: 'boolean' } },
    },
    handler: async (input, ctx) => {
      const resident = residentId(ctx.actor);
      const { consent } = input as { consent: boolean };
      await ctx.transaction(ctx.actor, async () => {
        await writeConsent(ctx.sql, resident, consent);
        await ctx.audit({ actor: ctx.actor, action: 'knowledge.eligibilityConsent', details: { consent } });
      });
      return readPreference(ctx.sql, resident);
    },
  },
  {
    name: 'myBenefits',
    label: { ja: '対象となりうる制度', en: 'Benefits I may be eligible for' },
    input: {
      type: 'object',
      additionalProperties: false,
      properties: { today: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' } },
    },
    handler: async (input, ctx) => {
      const resident = residentId(ctx.actor);
      const { eligibilityConsent } = await readPreference(ctx.sql, resident);
      if (!eligibilityConsent) return { consented: false, benefits: [] };
      const today = (input as { today?: string }).today ?? cityToday();
      return { consented: true, benefits: await eligibleBenefits(ctx, resident, today) };
    },
  },
  {
    name: 'rememberArea',
    label: { ja: 'ごみ収集地区を記憶', en: 'Remember my garbage area' },
    input: {
      type: 'object',
      required: ['area'],
      additionalProperties: false,
      properties: {
        city: { type: ['string', 'null'], maxLength: 100 },
        area: { type: ['string', 'null'], maxLength: 200 },
      },
    },
    handler: async (input, ctx) => {
      const resident = residentId(ctx.actor);
      const { city, area } = input as { city?: string | null; area: string | null };
      if (area) await requireArea(ctx, city ?? null, area);
      await writeArea(ctx.sql, resident, area === null ? null : (city ?? null), area || null);
      return readPreference(ctx.sql, resident);
    },
  },
];
