import type { ActionContext } from '@kiban/sdk';

/** Who a distribution or grant reaches: the records of `entity` that `rule` selects. */
export interface Target {
  entity: string;
  /** A rule object of the rule language, or `{ "segment": "<published rule name>" }`. */
  rule: Record<string, unknown>;
  /** The principal who owns each record (default), or the record id itself. */
  select?: 'owner' | 'id';
}

export const TARGET_SCHEMA = {
  type: 'object',
  required: ['entity', 'rule'],
  additionalProperties: false,
  properties: {
    entity: { type: 'string', pattern: '^[A-Z][A-Za-z0-9]*$' },
    rule: { type: 'object' },
    select: { enum: ['owner', 'id'] },
  },
};

export const IDEMPOTENCY_KEY = { type: 'string', minLength: 8, maxLength: 100, pattern: '^[A-Za-z0-9_.:-]+$' };

/** The target as one SQL SELECT of resident ids, compiled by the engine's rule compiler. */
export function selectTarget(ctx: ActionContext, target: Target) {
  return ctx.segments.select(target.entity, target.rule, { select: target.select ?? 'owner' });
}
