import { randomBytes } from 'node:crypto';
import { type Actor, type PluginContext, PluginError } from '@kiban/sdk';
import {
  type AuthenticationResponseJSON,
  generateAuthenticationOptions,
  generateRegistrationOptions,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
  type RegistrationResponseJSON,
  verifyAuthenticationResponse,
  verifyRegistrationResponse,
} from '@simplewebauthn/server';

const CHALLENGE_SECONDS = 300;
const RP_NAME = 'Kiban';

type Person = Actor & { kind: 'principal' };

/** The relying party a passkey is bound to: the public origin residents reach Kiban at, and its host. */
export interface RelyingParty {
  origin: string;
  rpId: string;
}

export function relyingPartyOf(publicOrigin: string): RelyingParty {
  return { origin: publicOrigin, rpId: new URL(publicOrigin).hostname };
}

/** Starts a registration ceremony for a signed-in person; the challenge is kept five minutes and used once. */
export async function registrationOptions(
  ctx: PluginContext,
  rp: RelyingParty,
  person: Person,
  userName: string,
): Promise<{ challengeId: string; options: PublicKeyCredentialCreationOptionsJSON }> {
  const { rows } = await ctx.sql.query<{ credential_id: string; transports: string[] }>(
    'select credential_id, transports from passkey_credential where principal_id = $1',
    [person.id],
  );
  const options = await generateRegistrationOptions({
    rpName: RP_NAME,
    rpID: rp.rpId,
    userName,
    attestationType: 'none',
    excludeCredentials: rows.map((row) => ({ id: row.credential_id, transports: row.transports })),
    authenticatorSelection: { residentKey: 'required', userVerification: 'required' },
  });
  const challengeId = await keepChallenge(ctx, 'register', options.challenge, person.id);
  return { challengeId, options };
}

/** Finishes registration: the attestation is verified against the kept challenge, origin and RP id. */
export async function registerPasskey(
  ctx: PluginContext,
  rp: RelyingParty,
  person: Person,
  input: { challengeId: string; response: RegistrationResponseJSON; label: string },
): Promise<{ credentialId: string }> {
  const challenge = await takeChallenge(ctx, input.challengeId, 'register', person.id);
  const verified = await refusedUnlessVerified(() =>
    verifyRegistrationResponse({
      response: input.response,
      expectedChallenge: challenge,
      expectedOrigin: rp.origin,
      expectedRPID: rp.rpId,
      requireUserVerification: true,
    }),
  );
  if (!verified.verified) throw passkeyRefused('registration not verified');
  const { credential } = verified.registrationInfo;
  await ctx.transaction(person, async () => {
    const { rowCount } = await ctx.sql.query(
      `insert into passkey_credential (credential_id, principal_id, public_key, counter, transports, label)
       values ($1, $2, $3, $4, $5::text[], $6) on conflict (credential_id) do nothing`,
      [
        credential.id,
        person.id,
        Buffer.from(credential.publicKey).toString('base64url'),
        credential.counter,
        credential.transports ?? [],
        input.label,
      ],
    );
    if (rowCount === 0) throw passkeyRefused('credential already registered');
    await ctx.audit({
      actor: person,
      action: 'identity.method.linked',
      recordId: person.id,
      details: { method: 'passkey', label: input.label },
    });
  });
  return { credentialId: credential.id };
}

/** Starts a sign-in with any passkey of this site (discoverable credentials: no username asked). */
export async function authenticationOptions(
  ctx: PluginContext,
  rp: RelyingParty,
): Promise<{ challengeId: string; options: PublicKeyCredentialRequestOptionsJSON }> {
  const options = await generateAuthenticationOptions({ rpID: rp.rpId, userVerification: 'required' });
  return { challengeId: await keepChallenge(ctx, 'authenticate', options.challenge, null), options };
}

/**
 * Verifies an assertion with the stored public key; the signature counter must move forward
 * (a cloned authenticator shows as a counter that did not). Answers the principal signed in,
 * or null for an unknown credential.
 */
export async function authenticatePasskey(
  ctx: PluginContext,
  rp: RelyingParty,
  input: { challengeId: string; response: AuthenticationResponseJSON },
): Promise<string | null> {
  const challenge = await takeChallenge(ctx, input.challengeId, 'authenticate', null);
  const { rows } = await ctx.sql.query<{
    principal_id: string;
    public_key: string;
    counter: string;
    transports: string[];
  }>('select principal_id, public_key, counter, transports from passkey_credential where credential_id = $1', [
    input.response.id,
  ]);
  const stored = rows[0];
  if (!stored) return null;
  const counter = Number(stored.counter);
  const verified = await verifyAuthenticationResponse({
    response: input.response,
    expectedChallenge: challenge,
    expectedOrigin: rp.origin,
    expectedRPID: rp.rpId,
    requireUserVerification: true,
    credential: {
      id: input.response.id,
      publicKey: Buffer.from(stored.public_key, 'base64url'),
      counter,
      transports: stored.transports,
    },
  }).catch(() => ({ verified: false as const, authenticationInfo: undefined }));
  if (!verified.verified) return null;
  const next = verified.authenticationInfo.newCounter;
  // Two sign-ins with one assertion: only the first moves the counter (an authenticator without one stays at 0).
  const { rowCount } = await ctx.sql.query(
    `update passkey_credential set counter = $2, last_used_at = now()
     where credential_id = $1 and (counter < $2 or (counter = 0 and $2 = 0))`,
    [input.response.id, next],
  );
  return rowCount === 1 ? stored.principal_id : null;
}

/** Whose credential this is, if anyone's: a lock on it is then theirs to have lifted by staff. */
export async function passkeyOwner(ctx: PluginContext, credentialId: string): Promise<string | undefined> {
  const { rows } = await ctx.sql.query<{ principal_id: string }>(
    'select principal_id from passkey_credential where credential_id = $1',
    [credentialId],
  );
  return rows[0]?.principal_id;
}

async function keepChallenge(
  ctx: PluginContext,
  purpose: 'register' | 'authenticate',
  challenge: string,
  principalId: string | null,
): Promise<string> {
  const id = randomBytes(24).toString('base64url');
  await ctx.sql.query('delete from webauthn_challenge where expires_at < now()');
  await ctx.sql.query(
    `insert into webauthn_challenge (id, principal_id, purpose, challenge, expires_at)
     values ($1, $2, $3, $4, now() + make_interval(secs => $5))`,
    [id, principalId, purpose, challenge, CHALLENGE_SECONDS],
  );
  return id;
}

/** The kept challenge, deleted as it is read: a replayed ceremony finds nothing. */
async function takeChallenge(
  ctx: PluginContext,
  id: string,
  purpose: 'register' | 'authenticate',
  principalId: string | null,
): Promise<string> {
  const { rows } = await ctx.sql.query<{ challenge: string }>(
    `delete from webauthn_challenge
     where id = $1 and purpose = $2 and principal_id is not distinct from $3 and expires_at > now()
     returning challenge`,
    [id, purpose, principalId],
  );
  if (!rows[0]) {
    throw new PluginError(
      'identity.challengeUnknown',
      400,
      {
        ja: 'パスキーの手続きが見つからないか期限が切れています。最初からやり直してください。',
        en: 'This passkey ceremony has expired or does not exist; start again.',
      },
      [
        {
          pointer: '/challengeId',
          code: 'identity.challengeUnknown',
          message: { ja: id.slice(0, 8), en: id.slice(0, 8) },
        },
      ],
    );
  }
  return rows[0].challenge;
}

async function refusedUnlessVerified<T>(verify: () => Promise<T>): Promise<T> {
  try {
    return await verify();
  } catch (error) {
    throw passkeyRefused((error as Error).message);
  }
}

function passkeyRefused(reason: string): PluginError {
  return new PluginError(
    'identity.passkeyRefused',
    400,
    { ja: 'パスキーを確認できませんでした。', en: 'The passkey could not be verified.' },
    [{ pointer: '/response', code: 'identity.passkeyRefused', message: { ja: reason, en: reason } }],
  );
}
