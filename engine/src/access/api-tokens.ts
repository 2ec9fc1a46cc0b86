import type { Sql } from '../data/sql.ts';
import { AccessError } from './access-error.ts';
import { type Principal, type PrincipalRow, principalColumns, principalFromRow } from './principal-row.ts';
import { isoTimestamp, isUuid } from './sql-values.ts';
import { API_TOKEN_PREFIX, digestToken, NO_ACTIVE_PRINCIPAL, newOpaqueToken } from './tokens.ts';

/** What may be shown about a token after its creation: never the token, never its digest. */
export interface ApiTokenListing {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
  lastUsedAt: string | null;
}

/**
 * Creates a long-lived token for a machine client of an enabled principal. The token is
 * returned once and stored only as a digest.
 */
export async function createApiToken(
  sql: Sql,
  principalId: string,
  name: string,
  options: { expiresAt?: Date } = {},
): Promise<{ id: string; token: string }> {
  if (typeof name !== 'string' || name.trim() === '' || name.length > 200) {
    throw new AccessError('access.invalidTokenName', 400, {
      ja: 'トークン名は1〜200文字で指定してください。',
      en: 'The token name must be 1 to 200 characters.',
    });
  }
  if (options.expiresAt !== undefined && Number.isNaN(options.expiresAt.getTime())) {
    throw new AccessError('access.invalidExpiry', 400, {
      ja: 'トークンの有効期限が正しい日時ではありません。',
      en: 'The token expiry is not a valid date.',
    });
  }
  const token = `${API_TOKEN_PREFIX}${newOpaqueToken()}`;
  const rows = isUuid(principalId)
    ? await sql.query<{ id: string }>(
        `insert into kiban_api_token (name, token_digest, principal_id, expires_at)
         select ?, ?, p.id, ?::timestamptz from kiban_principal p where p.id = ? and not p.disabled
         returning id`,
        [name.trim(), digestToken(token), options.expiresAt?.toISOString() ?? null, principalId],
      )
    : [];
  const row = rows[0];
  if (!row) throw new AccessError('access.principalNotFound', 404, NO_ACTIVE_PRINCIPAL);
  return { id: row.id, token };
}

/** The principal behind a usable API token, recording the use; null when unknown, expired, revoked or disabled. */
export async function resolveApiToken(sql: Sql, token: string): Promise<Principal | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const rows = await sql.query<PrincipalRow>(
    `update kiban_api_token t set last_used_at = now()
     from kiban_principal p
     where t.token_digest = ? and p.id = t.principal_id
       and t.revoked_at is null and (t.expires_at is null or t.expires_at > now()) and not p.disabled
     returning ${principalColumns('p')}`,
    [digestToken(token)],
  );
  return rows[0] ? principalFromRow(rows[0]) : null;
}

/** Revokes a token by id; false when there is no such unrevoked token. */
export async function revokeApiToken(sql: Sql, id: string): Promise<boolean> {
  if (!isUuid(id)) return false;
  return (await sql.run('update kiban_api_token set revoked_at = now() where id = ? and revoked_at is null', [id])) > 0;
}

/** A principal's tokens, newest first, so that they can pick which one to revoke. */
export async function listApiTokens(sql: Sql, principalId: string): Promise<ApiTokenListing[]> {
  if (!isUuid(principalId)) return [];
  return sql.query<ApiTokenListing>(
    `select id, name, ${isoTimestamp('created_at')} as "createdAt", ${isoTimestamp('expires_at')} as "expiresAt",
       ${isoTimestamp('revoked_at')} as "revokedAt", ${isoTimestamp('last_used_at')} as "lastUsedAt"
     from kiban_api_token where principal_id = ? order by created_at desc, id`,
    [principalId],
  );
}
