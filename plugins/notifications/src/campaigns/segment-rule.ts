import type { SegmentRule } from '@kiban/sdk';

/**
 * A stored targeting value as the rule language wants it: a published rule by name
 * (`{ "segment": "…" }`), a whole rule object, or — what the designer's form stores — a bare
 * condition, wrapped here as a rule about `entity`.
 */
export function ruleOf(entity: string, stored: unknown): SegmentRule {
  const value = (stored ?? {}) as Record<string, unknown>;
  if (typeof value.segment === 'string' || value.kind === 'rule') return value;
  return {
    kind: 'rule',
    name: 'notifications-target',
    label: { ja: '対象', en: 'Target' },
    entity,
    use: 'segment',
    condition: value,
  };
}
