import type { Sql } from '../data/sql.ts';
import { AccessError } from './access-error.ts';
import { type Principal, type PrincipalRow, principalColumns, principalFromRow } from './principal-row.ts';
import type { AssuranceLevel } from './sign-in.ts';
import { isUuid } from './sql-values.ts';
import { API_TOKEN_PREFIX, digestToken, NO_ACTIVE_PRINCIPAL, newOpaqueToken } from './tokens.ts';

/**
 * Starts a session for an enabled principal and returns its token. The token is shown to
 * the client once; the database keeps only its digest, so a copy of the table cannot be
 * used to sign in.
 */
export async function createSession(sql: Sql, principalId: string, options: { ttlSeconds: number }): Promise<string> {
  if (!Number.isInteger(options.ttlSeconds) || options.ttlSeconds <= 0) {
    throw new AccessError('access.invalidTtl', 400, {
      ja: 'セッションの有効期間は1秒以上の整数で指定してください。',
      en: 'The session lifetime must be a whole number of seconds, at least 1.',
    });
  }
  let token = newOpaqueToken();
  // Bearer tokens are routed by prefix, so a session token must never look like an API token.
  while (token.startsWith(API_TOKEN_PREFIX)) token = newOpaqueToken();
  // Expiry comes from the database clock, the same one `resolveSession` compares against.
  const inserted = isUuid(principalId)
    ? await sql.run(
        `insert into kiban_session (token_digest, principal_id, expires_at)
         select ?, p.id, now() + make_interval(secs => ?) from kiban_principal p where p.id = ? and not p.disabled`,
        [digestToken(token), options.ttlSeconds, principalId],
      )
    : 0;
  if (inserted === 0) throw new AccessError('access.principalNotFound', 404, NO_ACTIVE_PRINCIPAL);
  return token;
}

/** The principal behind a live session; null when the token is unknown, expired, revoked or its principal disabled. */
export async function resolveSession(sql: Sql, token: string): Promise<Principal | null> {
  const rows = await sql.query<PrincipalRow & { method: string; assurance: AssuranceLevel; signed_in_at: string }>(
    `select ${principalColumns('p')}, s.method, s.assurance,
       to_char(s.created_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as signed_in_at
     from kiban_session s join kiban_principal p on p.id = s.principal_id
     where s.token_digest = ? and s.revoked_at is null and s.expires_at > now() and not p.disabled`,
    [digestToken(token)],
  );
  const row = rows[0];
  return row
    ? { ...principalFromRow(row), signIn: { method: row.method, assurance: row.assurance, at: row.signed_in_at } }
    : null;
}

/** Ends a session (sign-out); false when the token names no unrevoked session. */
export async function revokeSession(sql: Sql, token: string): Promise<boolean> {
  const touched = await sql.run(
    'update kiban_session set revoked_at = now() where token_digest = ? and revoked_at is null',
    [digestToken(token)],
  );
  return touched > 0;
}

/** Ends every session of a principal, e.g. after a password change; returns how many were unrevoked. */
export async function revokePrincipalSessions(sql: Sql, principalId: string): Promise<number> {
  if (!isUuid(principalId)) return 0;
  return sql.run('update kiban_session set revoked_at = now() where principal_id = ? and revoked_at is null', [
    principalId,
  ]);
}
