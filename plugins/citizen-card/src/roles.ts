import { type Actor, PluginError } from '@kiban/sdk';

/** Role names this plugin's metadata defines (`metadata/roles`). */
export const RESIDENT_ROLE = 'citizen-card-resident';
/** Keeps the resident register (moves, deaths) and revokes cards. */
export const REGISTRAR_ROLE = 'citizen-card-registrar';
/** Facility and shelter staff: verify cards, check people in, hand out relief supplies. */
export const FACILITY_ROLE = 'citizen-card-facility';
/** Disaster-response staff who may search for a person across shelters. */
export const SHELTER_SEARCH_ROLE = 'citizen-card-shelter-search';
/** DV support staff: the only ones who find residents under a support measure in shelters. */
export const DV_SUPPORT_ROLE = 'citizen-card-dv-support';
/** Rotates the city's signing key. */
export const KEY_ADMIN_ROLE = 'citizen-card-key-admin';

export const SYSTEM: Actor = { kind: 'system' };

export type Principal = Extract<Actor, { kind: 'principal' }>;

export function callerOf(actor: Actor | undefined | null): Principal {
  if (actor?.kind !== 'principal') {
    throw new PluginError('citizenCard.signInRequired', 401, { ja: 'サインインしてください。', en: 'Sign in first.' });
  }
  return actor;
}

/** The caller, when it holds `role`; a 403 otherwise (routes check again what menus hide). */
export function withRole(actor: Actor | undefined | null, role: string): Principal {
  const caller = callerOf(actor);
  if (!caller.roles.includes(role)) {
    throw new PluginError('citizenCard.forbidden', 403, {
      ja: 'この操作を行う権限がありません。',
      en: 'You are not allowed to do this.',
    });
  }
  return caller;
}
