import type { PluginContext } from '@kiban/sdk';
import { createHeaderAndPayload, StatusList } from '@sd-jwt/jwt-status-list';
import { SignJWT } from 'jose';
import { activeKey } from '../keys/signing-keys.ts';
import { issuerOf, settingsOf, statusListUriOf } from '../settings.ts';
import { SIGNING_ALG } from '../shared/sd-jwt.ts';

/**
 * The IETF Token Status List of every card issued (1 bit each: 0 valid, 1 revoked), as a
 * signed `statuslist+jwt`, built with `@sd-jwt/jwt-status-list`. A process keeps the token it
 * built for `TTL_SECONDS`, so a revocation reaches verifiers within that plus their refresh.
 */
export const TTL_SECONDS = 30;
/** Cards are hidden in a list at least this long, so that a short list does not single anyone out. */
const MINIMUM_ENTRIES = 1024;

let cached: { token: string; builtAt: number; signer: string } | undefined;

/** Drops this process's cached token (a revocation it made). */
export function markStatusListChanged(): void {
  cached = undefined;
}

export function statusListOf(size: number, revoked: number[]): StatusList {
  const statuses = new Array<number>(Math.max(size, MINIMUM_ENTRIES)).fill(0);
  for (const index of revoked) statuses[index] = 1;
  return new StatusList(statuses, 1);
}

export async function statusListToken(ctx: PluginContext, now: Date): Promise<string> {
  const settings = await settingsOf(ctx);
  const key = await activeKey(ctx);
  // Kept per issuer and key: a rotation, or another engine in the same process, signs anew.
  const signer = `${issuerOf(settings)} ${key.kid}`;
  if (cached?.signer === signer && now.getTime() - cached.builtAt < TTL_SECONDS * 1000) return cached.token;
  const size = await ctx.sql.query<{ size: number }>(
    'select coalesce(max(status_index) + 1, 0)::int as size from credential',
  );
  const revoked = await ctx.sql.query<{ status_index: number }>(
    'select status_index from credential where revoked_at is not null',
  );
  const list = statusListOf(
    size.rows[0]?.size ?? 0,
    revoked.rows.map((row) => row.status_index),
  );
  const { header, payload } = createHeaderAndPayload(
    list,
    {
      iss: issuerOf(settings),
      sub: statusListUriOf(settings),
      iat: Math.floor(now.getTime() / 1000),
      ttl: TTL_SECONDS,
    },
    { alg: SIGNING_ALG, typ: 'statuslist+jwt', kid: key.kid },
  );
  const token = await new SignJWT(payload).setProtectedHeader(header).sign(key.privateKey);
  cached = { token, builtAt: now.getTime(), signer };
  return token;
}
