import type { SegmentRule } from '@kiban/sdk';

/** A benefit's conditions as the engine's rule language takes them, and the entity they are about. */
export interface BenefitRule {
  entity: string;
  rule: SegmentRule;
}

/**
 * `Benefit.conditions` as stored: a whole rule object (`{kind: 'rule', name, label, entity,
 * condition}`), a bare condition with its entity (`{entity, condition}`, what a form stores),
 * or a published rule by name with its entity (`{entity, segment}`). Null when there are no
 * conditions or they name no entity: such a benefit is not judged per resident.
 */
export function benefitRule(stored: unknown): BenefitRule | null {
  if (!stored || typeof stored !== 'object' || Array.isArray(stored)) return null;
  const value = stored as Record<string, unknown>;
  const entity = value.entity;
  if (typeof entity !== 'string' || entity === '') return null;
  if (typeof value.segment === 'string') return { entity, rule: { segment: value.segment } };
  if (value.kind === 'rule') return { entity, rule: value };
  if (!value.condition || typeof value.condition !== 'object') return null;
  return {
    entity,
    rule: {
      kind: 'rule',
      name: 'knowledge-benefit-conditions',
      label: { ja: '制度の条件', en: 'Benefit conditions' },
      entity,
      use: 'decision',
      condition: value.condition,
    },
  };
}
