import { ADMIN_ROLE, type PrincipalKind } from '../access/index.ts';
import { KibanError } from '../errors.ts';
import type { LiveApp } from './live-app.ts';

/**
 * A principal may only be given roles that are published and meant for its kind, so a
 * grant never dangles and a resident never holds a staff role. Throws 422 naming each one.
 */
export function checkAssignableRoles(live: LiveApp, roles: string[], kind: PrincipalKind): void {
  const details = roles.flatMap((role, index) => {
    if (role === ADMIN_ROLE && kind === 'staff') return [];
    const item = live.item('role', role);
    if (item?.kind === 'role' && item.audience === kind) return [];
    return [
      {
        pointer: `/roles/${index}`,
        code: 'role.unknown',
        message: {
          ja: `ロール「${role}」は公開されていないか、${kind} 向けではありません。`,
          en: `The role "${role}" is not published or not meant for ${kind} principals.`,
        },
      },
    ];
  });
  if (details.length > 0) {
    throw new KibanError(
      'request.invalid',
      422,
      { ja: '割り当てられないロールがあります。', en: 'Some roles cannot be assigned.' },
      details,
    );
  }
}
