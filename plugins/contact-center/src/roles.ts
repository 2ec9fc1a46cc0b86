import type { Actor } from '@kiban/sdk';
import { forbidden } from './errors.ts';

export const ROLE = {
  resident: 'contact-center-resident',
  operator: 'contact-center-operator',
  department: 'contact-center-department',
  supervisor: 'contact-center-supervisor',
} as const;

export const STAFF_ROLES = [ROLE.operator, ROLE.department, ROLE.supervisor];

export const SYSTEM: Actor = { kind: 'system' };

export type Principal = Extract<Actor, { kind: 'principal' }>;

export function isStaff(actor: Actor): actor is Principal {
  return actor.kind === 'principal' && actor.principalKind === 'staff';
}

/** The caller as staff; anyone else is refused (403), whatever a route's roles let through. */
export function staffCaller(actor: Actor): Principal {
  if (!isStaff(actor)) throw forbidden();
  return actor;
}

export function isSupervisor(actor: Actor): boolean {
  return actor.kind === 'principal' && actor.roles.includes(ROLE.supervisor);
}

/** Who wrote a message or answers now: the resident sees this at every moment. */
export type AuthorKind = 'resident' | 'ai' | 'faq' | 'operator' | 'department' | 'system';
