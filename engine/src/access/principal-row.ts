import type { SessionSignIn } from './sign-in.ts';

export const PRINCIPAL_KINDS = ['staff', 'resident', 'system'] as const;
export type PrincipalKind = (typeof PRINCIPAL_KINDS)[number];

/** Who is acting: what every policy decision and audit entry is about. */
export interface Principal {
  id: string;
  kind: PrincipalKind;
  username: string;
  displayName: string | null;
  roles: string[];
  /** The staff member's department (課), e.g. for workflow tasks assigned to it. */
  department: string | null;
  /** Attributes an administrator set (declared by roles' `principalAttributes`), e.g. `{ ward: 'kita' }`. */
  attributes: Record<string, string>;
  /** How the session of this request was opened; absent for API tokens and principals not signed in. */
  signIn?: SessionSignIn;
}

export interface PrincipalRow {
  id: string;
  kind: PrincipalKind;
  username: string;
  display_name: string | null;
  roles: string[];
  department: string | null;
  attributes: Record<string, string> | null;
}

/** The columns `principalFromRow` needs, qualified by `alias` for joins. */
export function principalColumns(alias: string): string {
  return ['id', 'kind', 'username', 'display_name', 'roles', 'department', 'attributes']
    .map((column) => `${alias}.${column}`)
    .join(', ');
}

export function principalFromRow(row: PrincipalRow): Principal {
  return {
    id: row.id,
    kind: row.kind,
    username: row.username,
    displayName: row.display_name,
    roles: row.roles,
    department: row.department,
    attributes: row.attributes ?? {},
  };
}
