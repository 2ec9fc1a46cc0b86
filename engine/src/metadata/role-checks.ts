import { checkFilter, resolveField } from './filter-checks.ts';
import { displayPath, pointerOf } from './json-pointer.ts';
import { checkRuleCondition } from './rule-checks.ts';
import { type SemanticContext, unknownEntityMessage } from './semantic-context.ts';
import type { RoleMetadata } from './types.ts';

/** Each permission names an existing entity, its fields, and rows by a filter on them. */
export function checkRole(role: RoleMetadata, context: SemanticContext): void {
  if (role.selfSignUp && role.audience !== 'resident') {
    context.report(role, pointerOf('selfSignUp'), 'semantic.role.selfSignUpNotResident', {
      ja: '自分でアカウントを作った市民に与えられるのは、audience が resident のロールだけです。',
      en: 'Only a role with audience resident can be given to residents who sign up themselves.',
    });
  }
  role.permissions.forEach((permission, i) => {
    if (context.unverifiedEntities.has(permission.entity)) return;
    const entity = context.entities.get(permission.entity);
    if (!entity) {
      const pointer = pointerOf('permissions', i, 'entity');
      context.report(
        role,
        pointer,
        'semantic.unknownEntity',
        unknownEntityMessage(displayPath(pointer), permission.entity, context.entities.keys()),
      );
      return;
    }
    const base = { item: role, entity, context };
    for (const name of Object.keys(permission.fields ?? {})) {
      const scope = { ...base, systemProperties: false, userPlaceholder: false };
      resolveField(name, pointerOf('permissions', i, 'fields', name), scope);
    }
    if (permission.where) {
      const principalAttributes = declaredAttributes(context);
      const scope = { ...base, systemProperties: true, userPlaceholder: true, principalAttributes };
      checkFilter(permission.where, pointerOf('permissions', i, 'where'), scope);
    }
    if (permission.lockedWhen) {
      checkRuleCondition(
        role,
        entity,
        permission.lockedWhen.condition,
        ['permissions', i, 'lockedWhen', 'condition'],
        context,
      );
    }
  });
}

/** The staff attributes every role checked together declares. */
function declaredAttributes(context: SemanticContext): Set<string> {
  return new Set(
    context.items.flatMap((item) => (item.kind === 'role' ? Object.keys(item.principalAttributes ?? {}) : [])),
  );
}
