import { type Actor, PluginError } from '@kiban/sdk';

/** Role names this plugin's metadata defines (`metadata/roles`). */
export const STAFF_ROLE = 'payments-staff';
export const SHOP_ROLE = 'payments-shop';
export const RESIDENT_ROLE = 'payments-resident';

export const SYSTEM: Actor = { kind: 'system' };

export type Principal = Extract<Actor, { kind: 'principal' }>;

export function callerOf(actor: Actor | undefined): Principal {
  if (actor?.kind !== 'principal') {
    throw new PluginError('payments.signInRequired', 401, { ja: 'サインインしてください。', en: 'Sign in first.' });
  }
  return actor;
}

/** The caller, when it holds `role`; a 403 otherwise (routes check again what menus hide). */
export function withRole(actor: Actor | undefined, role: string): Principal {
  const caller = callerOf(actor);
  if (!caller.roles.includes(role)) {
    throw new PluginError('payments.forbidden', 403, {
      ja: 'この操作を行う権限がありません。',
      en: 'You are not allowed to do this.',
    });
  }
  return caller;
}
