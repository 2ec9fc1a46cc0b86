import type { PluginContext, RecordData } from '@kiban/sdk';
import { isPluginError } from '@kiban/sdk';
import { listAll } from '../list-all.ts';
import { benefitRule } from './benefit-rule.ts';

const SYSTEM = { kind: 'system' } as const;

/** A published public benefit whose conditions the resident's own records meet. */
export interface EligibleBenefit {
  recordId: string;
  name: string;
  summary: string | null;
  amount: string | null;
  howToApply: string | null;
  contactDepartment: string | null;
  validUntil: string | null;
  /** The entity of the resident's records the conditions were checked against. */
  checkedAgainst: string;
}

const textOrNull = (value: unknown) => (typeof value === 'string' && value !== '' ? value : null);

function inForce(record: RecordData, today: string): boolean {
  const from = textOrNull(record.validFrom);
  const until = textOrNull(record.validUntil);
  return (!from || from <= today) && (!until || until >= today);
}

/** The id of the resident's own record of `entity`; null when none, or the entity is not published. */
async function ownRecord(ctx: PluginContext, entity: string, resident: string): Promise<string | null> {
  try {
    const [record] = await ctx
      .data(SYSTEM)
      .list(entity, { filter: { owner: { eq: resident } }, limit: 1, fields: ['id'] });
    return record ? String(record.id) : null;
  } catch (error) {
    ctx.logger.warn('benefit conditions name an entity that cannot be read', { entity, error: String(error) });
    return null;
  }
}

/**
 * The ids of the benefits among `benefits`, in force on `today`, whose conditions the
 * resident's own record meets.
 * Each benefit's conditions are a rule of the engine's one rule language, evaluated by the
 * engine (`ctx.segments.matches`) on the resident's record of the rule's entity (the record
 * they own); a benefit without conditions, or whose entity the resident has no record of, is
 * not counted. A rule the engine refuses is logged and skipped, never guessed. The read of the
 * resident's records is audited.
 */
export async function eligibleBenefitIds(
  ctx: PluginContext,
  resident: string,
  benefits: RecordData[],
  today: string,
): Promise<Set<string>> {
  const own = new Map<string, string | null>();
  const eligible = new Set<string>();
  for (const benefit of benefits) {
    if (!inForce(benefit, today)) continue;
    const rule = benefitRule(benefit.conditions);
    if (!rule) continue;
    if (!own.has(rule.entity)) {
      own.set(rule.entity, await ownRecord(ctx, rule.entity, resident));
    }
    const recordId = own.get(rule.entity);
    if (!recordId) continue;
    try {
      if (await ctx.segments.matches(rule.entity, recordId, rule.rule)) eligible.add(String(benefit.id));
    } catch (error) {
      if (!isPluginError(error)) throw error;
      ctx.logger.warn('benefit conditions refused by the rule engine', {
        benefit: String(benefit.id),
        code: error.code,
      });
    }
  }
  const checked = [...own.entries()].filter(([, id]) => id !== null).map(([entity]) => entity);
  if (checked.length > 0) {
    await ctx.audit({
      actor: { kind: 'system' },
      action: 'knowledge.eligibilityChecked',
      details: { resident, entities: checked, benefits: benefits.length },
    });
  }
  return eligible;
}

/** The published public benefits in force today that the resident may be eligible for. */
export async function eligibleBenefits(ctx: PluginContext, resident: string, today: string) {
  const benefits = await listAll(ctx, 'Benefit', { status: { eq: 'published' }, classification: { eq: 'public' } });
  const ids = await eligibleBenefitIds(ctx, resident, benefits, today);
  return benefits
    .filter((record) => ids.has(String(record.id)))
    .map(
      (record): EligibleBenefit => ({
        recordId: String(record.id),
        name: String(record.name ?? ''),
        summary: textOrNull(record.summary),
        amount: textOrNull(record.amount),
        howToApply: textOrNull(record.howToApply),
        contactDepartment: textOrNull(record.contactDepartment),
        validUntil: textOrNull(record.validUntil),
        checkedAgainst: benefitRule(record.conditions)?.entity ?? '',
      }),
    );
}
