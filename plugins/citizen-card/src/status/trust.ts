import type { PluginContext } from '@kiban/sdk';
import { publicKeys } from '../keys/signing-keys.ts';
import { issuerOf, settingsOf, statusListUriOf } from '../settings.ts';
import type { ReplayGuard, TrustAnchor } from '../shared/verify-presentation.ts';
import { statusListToken } from './status-list.ts';

/** What a verifier caches (`GET /api/public/citizen-card/trust`); the server verifies with the same. */
export async function trustAnchor(ctx: PluginContext, now: Date): Promise<TrustAnchor> {
  const settings = await settingsOf(ctx);
  // The list first: signing it makes the first key, which the JWKS must then carry.
  const statusList = await statusListToken(ctx, now);
  return {
    issuer: issuerOf(settings),
    jwks: await publicKeys(ctx),
    statusListUri: statusListUriOf(settings),
    statusList,
    statusListFetchedAt: now.getTime(),
  };
}

/**
 * Nonces the server accepted, shared by every engine process: the insert of a seen one conflicts.
 * A nonce is kept at least `keepMs` from now: a presentation synced after an offline scan is
 * already past its window, and must still not be accepted twice.
 */
export function databaseReplayGuard(ctx: PluginContext, keepMs = 0): ReplayGuard {
  return {
    async firstUse(nonce, expiresAt) {
      await ctx.sql.query('delete from presentation_nonce where expires_at < now()');
      const inserted = await ctx.sql.query(
        'insert into presentation_nonce (nonce, expires_at) values ($1, to_timestamp($2)) on conflict do nothing',
        [nonce, Math.max(expiresAt, Date.now() + keepMs) / 1000],
      );
      return inserted.rowCount === 1;
    },
  };
}
