import { checkRuleCondition } from './rule-checks.ts';
import type { SemanticContext } from './semantic-context.ts';
import type { EntityMetadata } from './types.ts';

/** An entity's lock and its record and field validations are rule conditions on its own records. */
export function checkRecordConditions(entity: EntityMetadata, context: SemanticContext): void {
  if (entity.lockedWhen) {
    checkRuleCondition(entity, entity, entity.lockedWhen.condition, ['lockedWhen', 'condition'], context);
  }
  for (const [i, validation] of (entity.validations ?? []).entries()) {
    checkRuleCondition(entity, entity, validation.condition, ['validations', i, 'condition'], context);
  }
  for (const [f, field] of entity.fields.entries()) {
    for (const [i, validation] of (field.validations ?? []).entries()) {
      checkRuleCondition(entity, entity, validation.condition, ['fields', f, 'validations', i, 'condition'], context);
    }
  }
}
