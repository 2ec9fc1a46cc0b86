import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuditInput, Principal } from '../access/index.ts';
import type { ApiRecord } from '../data/index.ts';
import { KibanError } from '../errors.ts';
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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Where a refused request came from: its entity and record (when the error does not name them) and how it asked. */
export interface DeniedRequest {
  principal: Pick<Principal, 'id' | 'kind'> | null;
  entity?: string;
  id?: string;
  /** The HTTP method, or the data API call (`ctx.data.update`). */
  method: string;
  plugin?: string;
}

/**
 * The `access.denied` audit entry of a refusal — who, which entity, record and fields, and why
 * (the error code), never a value — or undefined when the error is no refusal. Refusals are
 * 403 `access.*` errors and errors marked with `markDenial` (a hidden row answered as 404).
 */
export function denialAudit(error: unknown, request: DeniedRequest): AuditInput | undefined {
  if (!(error instanceof KibanError)) return undefined;
  const marked = denialOf(error);
  const refused = error.status === 403 && error.code.startsWith('access.');
  if (!marked && !refused) return undefined;
  const fields = marked?.fields ?? error.details.map((detail) => detail.pointer.split('/').pop() ?? '');
  return {
    principal: request.principal,
    action: 'access.denied',
    entity: marked?.entity ?? request.entity,
    recordIds: request.id && UUID.test(request.id) ? [request.id] : [],
    fields: fields.filter((name) => name !== ''),
    detail: {
      reason: marked && !refused ? 'hiddenByRowPolicy' : error.code,
      method: request.method,
      ...(marked?.target ? { target: marked.target } : {}),
      ...(request.plugin ? { plugin: request.plugin } : {}),
    },
  };
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
