import type { Sql } from '../data/sql.ts';
import { AccessError } from './access-error.ts';
import { hashPassword, verifyPassword } from './passwords.ts';
import {
  PRINCIPAL_KINDS,
  type Principal,
  type PrincipalKind,
  type PrincipalRow,
  principalColumns,
  principalFromRow,
} from './principal-row.ts';
import { boundedLimit, isoTimestamp, isUuid } from './sql-values.ts';
import { newOpaqueToken } from './tokens.ts';

export interface NewPrincipal {
  kind: PrincipalKind;
  username: string;
  displayName?: string;
  /** Omitted for principals that sign in elsewhere (an identity provider) or not at all. */
  password?: string;
  roles: string[];
  department?: string;
  /** Staff attributes (see `RoleMetadata.principalAttributes`); checked by the caller. */
  attributes?: Record<string, string>;
}

/** A principal as an administrator lists them, with the state that `Principal` leaves out. */
export interface PrincipalListing extends Principal {
  disabled: boolean;
  createdAt: string;
}

const MAX_USERNAME_LENGTH = 254;

/**
 * Usernames compare case-insensitively and width-insensitively: `ＴＡＮＡＫＡ`, `Tanaka` and
 * `tanaka` are one user, which is what a person typing on a Japanese keyboard expects.
 */
export function normalizeUsername(username: string): string {
  return username.normalize('NFKC').trim().toLowerCase();
}

export async function createPrincipal(sql: Sql, input: NewPrincipal): Promise<Principal> {
  if (!PRINCIPAL_KINDS.includes(input.kind)) {
    throw new AccessError('access.invalidKind', 400, {
      ja: `利用者の種別は ${PRINCIPAL_KINDS.join('、')} のいずれかにしてください。`,
      en: `The principal kind must be one of ${PRINCIPAL_KINDS.join(', ')}.`,
    });
  }
  const username = validUsername(input.username);
  const roles = validRoles(input.roles);
  const passwordHash = input.password === undefined ? null : await hashPassword(input.password, username);
  const rows = await sql.query<PrincipalRow>(
    `insert into kiban_principal (kind, username, display_name, password_hash, roles, department, attributes)
     values (?, ?, ?, ?, array[?]::text[], ?, ?::jsonb)
     on conflict (username) do nothing
     returning ${principalColumns('kiban_principal')}`,
    [
      input.kind,
      username,
      input.displayName ?? null,
      passwordHash,
      roles,
      input.department ?? null,
      JSON.stringify(input.attributes ?? {}),
    ],
  );
  const row = rows[0];
  if (!row) {
    throw new AccessError('access.usernameTaken', 409, {
      ja: 'このユーザー名はすでに使われています。',
      en: 'This username is already taken.',
    });
  }
  return principalFromRow(row);
}

/** The principal with this id, disabled or not; null when there is none. */
export async function findPrincipalById(sql: Sql, id: string): Promise<Principal | null> {
  if (!isUuid(id)) return null;
  const rows = await sql.query<PrincipalRow>(`select ${principalColumns('p')} from kiban_principal p where p.id = ?`, [
    id,
  ]);
  return rows[0] ? principalFromRow(rows[0]) : null;
}

/** The enabled principal with this id; null when there is none or it is disabled. */
export async function findEnabledPrincipal(sql: Sql, id: string): Promise<Principal | null> {
  if (!isUuid(id)) return null;
  const rows = await sql.query<PrincipalRow>(
    `select ${principalColumns('p')} from kiban_principal p where p.id = ? and not p.disabled`,
    [id],
  );
  return rows[0] ? principalFromRow(rows[0]) : null;
}

let dummyHash: Promise<string> | undefined;

/**
 * Checks a username and password. Unknown users, users without a password and disabled
 * users are verified against a dummy hash, so the answer takes about as long as for a
 * real user and response times do not reveal which usernames exist.
 */
export async function authenticatePassword(sql: Sql, username: string, password: string): Promise<Principal | null> {
  const rows = await sql.query<PrincipalRow & { password_hash: string | null; disabled: boolean }>(
    `select ${principalColumns('p')}, p.password_hash, p.disabled from kiban_principal p where p.username = ?`,
    [normalizeUsername(username)],
  );
  const row = rows[0];
  if (!row || row.password_hash === null || row.disabled) {
    dummyHash ??= hashPassword(newOpaqueToken());
    await verifyPassword(await dummyHash, password);
    return null;
  }
  return (await verifyPassword(row.password_hash, password)) ? principalFromRow(row) : null;
}

/** Replaces the principal's roles; null when the principal does not exist. */
export async function setRoles(sql: Sql, principalId: string, roles: string[]): Promise<Principal | null> {
  if (!isUuid(principalId)) return null;
  const rows = await sql.query<PrincipalRow>(
    `update kiban_principal p set roles = array[?]::text[] where p.id = ? returning ${principalColumns('p')}`,
    [validRoles(roles), principalId],
  );
  return rows[0] ? principalFromRow(rows[0]) : null;
}

/** Replaces the principal's attributes; null when the principal does not exist. */
export async function setAttributes(
  sql: Sql,
  principalId: string,
  attributes: Record<string, string>,
): Promise<Principal | null> {
  if (!isUuid(principalId)) return null;
  const rows = await sql.query<PrincipalRow>(
    `update kiban_principal p set attributes = ?::jsonb where p.id = ? returning ${principalColumns('p')}`,
    [JSON.stringify(attributes), principalId],
  );
  return rows[0] ? principalFromRow(rows[0]) : null;
}

/** Sets a new password; false when the principal does not exist. */
export async function setPassword(sql: Sql, principalId: string, password: string): Promise<boolean> {
  const passwordHash = await hashPassword(password);
  if (!isUuid(principalId)) return false;
  return (await sql.run('update kiban_principal set password_hash = ? where id = ?', [passwordHash, principalId])) > 0;
}

/** A disabled principal can neither sign in nor use its existing sessions and API tokens. */
export async function setPrincipalDisabled(sql: Sql, principalId: string, disabled: boolean): Promise<boolean> {
  if (!isUuid(principalId)) return false;
  return (await sql.run('update kiban_principal set disabled = ? where id = ?', [disabled, principalId])) > 0;
}

export async function listPrincipals(
  sql: Sql,
  options: { kind?: PrincipalKind; limit?: number; offset?: number } = {},
): Promise<PrincipalListing[]> {
  const limit = boundedLimit(options.limit);
  const offset = Number.isFinite(options.offset) ? Math.max(0, Math.trunc(options.offset as number)) : 0;
  const rows = await sql.query<PrincipalRow & { disabled: boolean; created_at: string }>(
    `select ${principalColumns('p')}, p.disabled, ${isoTimestamp('p.created_at')} as created_at
     from kiban_principal p
     where (?::text is null or p.kind = ?)
     order by p.username
     limit ? offset ?`,
    [options.kind ?? null, options.kind ?? null, limit, offset],
  );
  return rows.map((row) => ({ ...principalFromRow(row), disabled: row.disabled, createdAt: row.created_at }));
}

function validUsername(raw: string): string {
  const username = typeof raw === 'string' ? normalizeUsername(raw) : '';
  if (username === '' || username.length > MAX_USERNAME_LENGTH || /[\s\p{C}]/u.test(username)) {
    throw new AccessError('access.invalidUsername', 400, {
      ja: `ユーザー名は空白を含まない${MAX_USERNAME_LENGTH}文字以内で指定してください。`,
      en: `The username must be 1 to ${MAX_USERNAME_LENGTH} characters without spaces.`,
    });
  }
  return username;
}

function validRoles(roles: string[]): string[] {
  if (!Array.isArray(roles) || roles.some((role) => typeof role !== 'string' || role === '')) {
    throw new AccessError('access.invalidRoles', 400, {
      ja: 'ロールは空でない名前の一覧で指定してください。',
      en: 'Roles must be a list of non-empty names.',
    });
  }
  return [...new Set(roles)];
}
