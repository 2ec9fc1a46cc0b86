import type { PluginContext } from '@kiban/sdk';
import { refusedError } from '../errors.ts';
import type { CardClaims } from '../shared/claims.ts';
import { type ReplayGuard, verifyPresentation } from '../shared/verify-presentation.ts';
import { databaseReplayGuard, trustAnchor } from '../status/trust.ts';
import { nodeCardCrypto } from './node-card-crypto.ts';

export interface VerifiedHolder {
  principalId: string;
  householdId: string;
  claims: Partial<CardClaims>;
}

/**
 * A presentation checked on the server with the same module the facility page runs offline,
 * against the current status list, with replays refused across engine processes; then the
 * holder behind the card (by its status index). Refusals are 422 `citizenCard.refused`.
 */
export async function verifyAtSite(
  ctx: PluginContext,
  input: { presentation: string; profileId: string; nonce?: string },
  now: Date,
  replay: ReplayGuard = databaseReplayGuard(ctx),
): Promise<VerifiedHolder> {
  const result = await verifyPresentation({
    presentation: input.presentation,
    profileId: input.profileId,
    expectedNonce: input.nonce,
    trust: await trustAnchor(ctx, now),
    replay,
    now,
    crypto: nodeCardCrypto,
  });
  if (!result.ok) throw refusedError(result.refusal);
  const holder = await ctx.sql.query<{ principal_id: string; household_id: string }>(
    `select c.principal_id, r.household_id from credential c join resident_record r on r.principal_id = c.principal_id
     where c.status_index = $1 and c.revoked_at is null`,
    [result.statusIndex],
  );
  const row = holder.rows[0];
  if (!row) throw refusedError('revoked');
  return { principalId: row.principal_id, householdId: row.household_id, claims: result.claims };
}
