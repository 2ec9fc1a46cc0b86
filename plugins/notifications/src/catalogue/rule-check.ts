import { type PluginContext, PluginError, type RecordData } from '@kiban/sdk';
import { ruleOf } from '../campaigns/segment-rule.ts';

/**
 * A catalogue item's eligibility rule must hold on its entity before the item is stored: one
 * that does not compile would make every resident's "my benefits" fail, and a rule without an
 * entity would be read as "for everyone". Called in the storing transaction, so a refusal
 * leaves the item as it was.
 */
export async function checkEligibilityRule(ctx: PluginContext, record: RecordData): Promise<void> {
  const { eligibility, eligibilityEntity } = record;
  if (eligibility === null || eligibility === undefined) return;
  if (typeof eligibilityEntity !== 'string' || eligibilityEntity === '') {
    throw new PluginError(
      'segment.invalid',
      422,
      { ja: '対象のルールには対象のエンティティが必要です。', en: 'An eligibility rule needs its entity.' },
      [
        {
          pointer: '/fields/eligibilityEntity',
          code: 'notifications.eligibilityEntityMissing',
          message: { ja: 'eligibilityEntity を指定してください', en: 'Give eligibilityEntity' },
        },
      ],
    );
  }
  await ctx.segments.select(eligibilityEntity, ruleOf(eligibilityEntity, eligibility));
}
