import type { Actor } from '@kiban/sdk';
import { signInRequired } from './errors.ts';

/** Role names this plugin's metadata defines (`metadata/roles`). */
export const RESIDENT_ROLE = 'reservations-resident';
export const STAFF_ROLE = 'reservations-staff';

/** The plugin itself: the only actor that may change `Slot.bookedCount` and write reservations. */
export const SYSTEM: Actor = { kind: 'system' };

export type Principal = Extract<Actor, { kind: 'principal' }>;

/** The signed-in principal behind a request; the system actor never books or cancels for itself. */
export function callerOf(actor: Actor | undefined): Principal {
  if (actor?.kind !== 'principal') throw signInRequired();
  return actor;
}

export function isReservationsStaff(actor: Principal): boolean {
  return actor.principalKind === 'staff' && actor.roles.includes(STAFF_ROLE);
}
