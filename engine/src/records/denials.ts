import type { EntityManager } from '@mikro-orm/postgresql';
import type { ApiRecord } from '../data/index.ts';
import type { Authorized } from './scope.ts';

/** What a refusal was about, for the audit trail: names only, never values. */
export interface Denial {
  entity?: string;
  fields?: string[];
  /** For a reference to a hidden row: the entity of that row. */
  target?: string;
}

/**
 * Refusals the caller must not be able to tell apart from "not found" (a row the policy hides
 * answers 404 exactly like a missing one), or whose subject is not in the request's path (a
 * rule's facts). Only the audit trail reads these marks.
 */
const denials = new WeakMap<object, Denial>();

export function markDenial<T extends object>(error: T, denial: Denial = {}): T {
  denials.set(error, denial);
  return error;
}

export function denialOf(error: unknown): Denial | undefined {
  return typeof error === 'object' && error !== null ? denials.get(error) : undefined;
}

/**
 * The not-found error for a row the policy filtered out, marked as a denial when the row does
 * exist. Only asked on the failure path, so readable rows cost no extra query.
 */
export async function notFoundUnderPolicy(
  em: EntityManager,
  { entity, schema, auth }: Authorized,
  id: string,
  error: Error,
): Promise<Error> {
  if (auth.rowFilters === null || !(await rowExists(em, schema, id))) return error;
  return markDenial(error, { entity: entity.name });
}

export async function rowExists(em: EntityManager, schema: Authorized['schema'], id: string): Promise<boolean> {
  return (await em.count(schema, { id } as ApiRecord)) > 0;
}
