import {
  type Capability,
  type EntityAction,
  type EntityMetadata,
  type FieldAccess,
  type Filter,
  type RecordLock,
  type RoleMetadata,
  SYSTEM_FIELDS,
} from '../metadata/types.ts';
import type { Principal } from './principal-row.ts';

/**
 * The one role defined in code rather than metadata: every capability and every action on
 * every entity, with no row or field restriction. Staff only. Its colon cannot occur in a
 * metadata role name, so a published role can never shadow it.
 */
export const ADMIN_ROLE = 'kiban:admin';

/** What a policy decision needs to know about the principal. */
export type PolicyPrincipal = Pick<Principal, 'id' | 'kind' | 'roles'>;

export interface Authorization {
  allowed: boolean;
  /**
   * null: every row. Otherwise the record must match at least one of these filters (each a
   * conjunction); `"$user"` is still in place. Empty when not allowed, so that a caller who
   * forgets to look at `allowed` still gets no rows.
   */
  rowFilters: Filter[] | null;
  hiddenFields: Set<string>;
  /** Fields the principal may not write; includes the hidden ones. */
  readOnlyFields: Set<string>;
  /**
   * The granting permissions' row conditions and locks: a write is allowed on a record when a
   * grant whose condition covers it is not locked for it. Empty when not allowed.
   */
  grants: readonly Grant[];
}

export interface AccessPolicy {
  authorize(principal: PolicyPrincipal | null, entity: EntityMetadata, action: EntityAction): Authorization;
  hasCapability(principal: PolicyPrincipal | null, capability: Capability): boolean;
}

/** What one granting permission contributes; the admin grant is the empty one. */
export interface Grant {
  where?: Filter;
  fields?: Record<string, FieldAccess>;
  lockedWhen?: RecordLock;
}

interface HeldRoles {
  admin: boolean;
  roles: RoleMetadata[];
}

/**
 * Compiles the published roles into a deny-by-default policy. When several permissions
 * grant an action, rows are their union. Field rules only combine permissively among grants
 * that cover the same rows; see `combine` for why grants over different rows cannot.
 */
export function createAccessPolicy(roles: readonly RoleMetadata[]): AccessPolicy {
  const rolesByName = new Map(roles.filter((role) => role.name !== ADMIN_ROLE).map((role) => [role.name, role]));

  // A role only counts for the audience it was written for: a resident who somehow holds a
  // staff role's name gets nothing from it. Unknown (unpublished) role names count for nothing.
  function heldRoles(principal: PolicyPrincipal): HeldRoles {
    const held: HeldRoles = { admin: false, roles: [] };
    for (const name of new Set(principal.roles)) {
      if (name === ADMIN_ROLE) {
        held.admin ||= principal.kind === 'staff';
        continue;
      }
      const role = rolesByName.get(name);
      if (role && role.audience === principal.kind) held.roles.push(role);
    }
    return held;
  }

  return {
    authorize(principal, entity, action) {
      if (!principal) return denied(entity);
      const held = heldRoles(principal);
      const grants: Grant[] = held.admin ? [{}] : [];
      for (const role of held.roles) {
        for (const permission of role.permissions) {
          if (permission.entity === entity.name && permission.actions.includes(action)) grants.push(permission);
        }
      }
      return grants.length === 0 ? denied(entity) : combine(grants);
    },
    hasCapability(principal, capability) {
      if (!principal) return false;
      const held = heldRoles(principal);
      return held.admin || held.roles.some((role) => role.capabilities?.includes(capability) ?? false);
    },
  };
}

/**
 * Field rules are decided for all returned rows at once, so a grant may only lift a
 * restriction on the rows it covers. Grants over the same rows combine permissively (a
 * field is hidden only if each hides it). Grants over every row decide alone. Grants over
 * different conditional rows combine restrictively (hidden if any group hides it): letting
 * one ward's clerk grant reveal a field on another ward's rows would leak it.
 */
function combine(grants: Grant[]): Authorization {
  const groups = new Map<string, Grant[]>();
  for (const grant of grants) {
    const key = coversEveryRow(grant) ? '' : JSON.stringify(grant.where);
    groups.set(key, [...(groups.get(key) ?? []), grant]);
  }
  const everyRow = groups.get('');
  const deciding = everyRow ? [everyRow] : [...groups.values()];
  const restricted = (accesses: FieldAccess[]) =>
    union(deciding.map((group) => intersection(group.map((grant) => restrictedFields(grant, accesses)))));
  return {
    allowed: true,
    rowFilters: everyRow ? null : grants.map((grant) => grant.where as Filter),
    hiddenFields: restricted(['hidden']),
    readOnlyFields: restricted(['hidden', 'readOnly']),
    grants,
  };
}

/** A grant without a condition (or with the empty conjunction) covers every row. */
function coversEveryRow(grant: Grant): boolean {
  return !grant.where || Object.keys(grant.where).length === 0;
}

function union(sets: Set<string>[]): Set<string> {
  return new Set(sets.flatMap((set) => [...set]));
}

function denied(entity: EntityMetadata): Authorization {
  const everyField = [...SYSTEM_FIELDS, ...entity.fields.map((field) => field.name)];
  return {
    allowed: false,
    rowFilters: [],
    hiddenFields: new Set(everyField),
    readOnlyFields: new Set(everyField),
    grants: [],
  };
}

function restrictedFields(grant: Grant, accesses: FieldAccess[]): Set<string> {
  const fields = Object.entries(grant.fields ?? {});
  return new Set(fields.filter(([, access]) => accesses.includes(access)).map(([name]) => name));
}

function intersection(sets: Set<string>[]): Set<string> {
  const [first, ...rest] = sets;
  if (!first) return new Set();
  return new Set([...first].filter((name) => rest.every((set) => set.has(name))));
}
