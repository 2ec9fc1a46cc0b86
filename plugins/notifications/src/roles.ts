import { type Actor, PluginError } from '@kiban/sdk';

/** Role names this plugin's metadata defines (`metadata/roles`). */
export const RESIDENT_ROLE = 'notifications-resident';
export const STAFF_ROLE = 'notifications-staff';

export type Principal = Extract<Actor, { kind: 'principal' }>;

export function residentOf(actor: Actor | undefined): Principal {
  if (actor?.kind !== 'principal' || actor.principalKind !== 'resident') {
    throw new PluginError('notifications.residentsOnly', 403, {
      ja: '住民としてサインインしてください。',
      en: 'Sign in as a resident.',
    });
  }
  return actor;
}

/** Anyone signed in: a resident or a member of staff reading what was sent to them. */
export function principalOf(actor: Actor | undefined): Principal {
  if (actor?.kind !== 'principal') {
    throw new PluginError('notifications.signInRequired', 403, {
      ja: 'サインインしてください。',
      en: 'Sign in first.',
    });
  }
  return actor;
}

export function staffOf(actor: Actor | undefined): Principal {
  if (actor?.kind !== 'principal' || actor.principalKind !== 'staff' || !actor.roles.includes(STAFF_ROLE)) {
    throw new PluginError('notifications.staffOnly', 403, {
      ja: 'お知らせ配信の担当者だけが使えます。',
      en: 'Only notifications staff may do this.',
    });
  }
  return actor;
}

export const notFound = () =>
  new PluginError('notifications.notFound', 404, { ja: '見つかりません。', en: 'Not found.' });

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A path id that must be a UUID: anything else is simply not found. */
export function uuidParam(value: string): string {
  if (!UUID.test(value)) throw notFound();
  return value;
}

export const isUuid = (value: unknown): value is string => typeof value === 'string' && UUID.test(value);
