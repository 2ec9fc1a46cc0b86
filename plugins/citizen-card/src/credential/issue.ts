import type { Actor, PluginContext } from '@kiban/sdk';
import type { JWK } from 'jose';
import { activeKey } from '../keys/signing-keys.ts';
import { notRegistered, residentRecord } from '../register/register.ts';
import { SYSTEM } from '../roles.ts';
import { issuerOf, settingsOf, statusListUriOf } from '../settings.ts';
import type { CardClaims } from '../shared/claims.ts';
import { claimsOf, sameClaims } from './claims-of.ts';
import { revokeLive } from './revoke.ts';
import { signCredential } from './sign-credential.ts';

export interface CardView {
  credential: string;
  claims: CardClaims;
  statusIndex: number;
  issuedAt: string;
  expiresAt: string;
}

interface CredentialRow {
  sd_jwt: string;
  claims: CardClaims | string;
  status_index: number;
  holder_jwk: JWK | string;
  issued_at: Date | string;
  expires_at: Date | string;
}

const iso = (value: Date | string) => new Date(value).toISOString();
const json = <T>(value: T | string): T => (typeof value === 'string' ? (JSON.parse(value) as T) : value);

function viewOf(row: CredentialRow): CardView {
  return {
    credential: row.sd_jwt,
    claims: json(row.claims),
    statusIndex: row.status_index,
    issuedAt: iso(row.issued_at),
    expiresAt: iso(row.expires_at),
  };
}

/**
 * Signs a new card for `principalId` bound to the holder's public key, replacing (revoking) the
 * live one, in one transaction: an SD-JWT VC whose claims are each a separate disclosure.
 */
async function sign(
  ctx: PluginContext,
  actor: Actor,
  principalId: string,
  holderJwk: JWK,
  claims: CardClaims,
  now: Date,
) {
  const settings = await settingsOf(ctx);
  const key = await activeKey(ctx);
  return ctx.transaction(actor, async () => {
    await revokeLive(ctx, actor, principalId, 'superseded');
    const index = await ctx.sql.query<{ index: number }>("select nextval('status_index_seq')::int as index");
    const statusIndex = index.rows[0]?.index ?? 0;
    const { credential, issuedAt, expiresAt } = await signCredential({
      key,
      issuer: issuerOf(settings),
      statusListUri: statusListUriOf(settings),
      statusIndex,
      holderJwk,
      claims,
      now,
    });
    const stored = await ctx.sql.query<CredentialRow>(
      `insert into credential (principal_id, status_index, kid, holder_jwk, claims, sd_jwt, issued_at, expires_at)
       values ($1, $2, $3, $4, $5, $6, to_timestamp($7), to_timestamp($8))
       returning sd_jwt, claims, status_index, holder_jwk, issued_at, expires_at`,
      [
        principalId,
        statusIndex,
        key.kid,
        JSON.stringify(holderJwk),
        JSON.stringify(claims),
        credential,
        issuedAt,
        expiresAt,
      ],
    );
    await ctx.audit({
      actor,
      action: 'citizen-card.issued',
      recordId: principalId,
      details: { statusIndex, kid: key.kid },
    });
    return viewOf(stored.rows[0] as CredentialRow);
  });
}

/** Issues the caller a card for the holder key their browser made (the action checks assurance). */
export async function issueCard(ctx: PluginContext, caller: Actor & { kind: 'principal' }, holderJwk: JWK, now: Date) {
  const record = await residentRecord(ctx, caller.id);
  if (record?.status !== 'resident') throw notRegistered();
  return sign(ctx, caller, caller.id, holderJwk, claimsOf(record, now), now);
}

/**
 * The caller's live card, re-issued to the same holder key first when what it says no longer
 * holds (a move to another ward, a birthday past 18 or 65) or it is about to expire; null when
 * they have none.
 */
export async function currentCard(ctx: PluginContext, principalId: string, now: Date): Promise<CardView | null> {
  const found = await ctx.sql.query<CredentialRow>(
    `select sd_jwt, claims, status_index, holder_jwk, issued_at, expires_at from credential
     where principal_id = $1 and revoked_at is null`,
    [principalId],
  );
  const live = found.rows[0];
  if (!live) return null;
  const record = await residentRecord(ctx, principalId);
  if (record?.status !== 'resident') return null;
  const claims = claimsOf(record, now);
  const expiresSoon = new Date(live.expires_at).getTime() - now.getTime() < 30 * 86_400_000;
  if (sameClaims(json(live.claims), claims) && !expiresSoon) return viewOf(live);
  return sign(ctx, SYSTEM, principalId, json(live.holder_jwk), claims, now);
}
