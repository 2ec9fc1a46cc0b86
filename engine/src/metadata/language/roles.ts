// Roles: permissions on entities, row and field policies, capabilities, principal attributes.
import type { I18nText, MetadataBase } from './common.ts';
import type { RecordLock } from './entity.ts';
import type { Filter } from './filters.ts';

export const ENTITY_ACTIONS = ['read', 'create', 'update', 'delete'] as const;
export type EntityAction = (typeof ENTITY_ACTIONS)[number];
export type FieldAccess = 'hidden' | 'readOnly';

/** Platform capabilities beyond entity data. */
export const CAPABILITIES = [
  'metadata.read',
  'metadata.publish',
  'principals.manage',
  'audit.read',
  'platform.manage',
  /** Schedule email delivery of reports the principal may run. */
  'reports.schedule',
] as const;
export type Capability = (typeof CAPABILITIES)[number];

export interface Permission {
  entity: string;
  actions: EntityAction[];
  /**
   * Row-level condition; a key is a field or `reference.field` (one step). The value `"$user"`
   * stands for the signed-in principal's id, `"$principal.<attribute>"` for one of its attributes.
   */
  where?: Filter;
  fields?: Record<string, FieldAccess>;
  /** Records meeting it cannot be written through this permission. */
  lockedWhen?: RecordLock;
}

/** A staff attribute an administrator sets (e.g. `ward`), used in row conditions as `$principal.<name>`. */
export interface PrincipalAttribute {
  label: I18nText;
  /** The allowed values; any text when absent. */
  values?: string[];
}

export interface RoleMetadata extends MetadataBase {
  kind: 'role';
  audience: 'staff' | 'resident' | 'system';
  /** Granted to residents who create their own account. */
  selfSignUp?: boolean;
  /** Attributes the role's holders carry, by name. */
  principalAttributes?: Record<string, PrincipalAttribute>;
  permissions: Permission[];
  capabilities?: Capability[];
}
