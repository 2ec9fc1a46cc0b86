import { hkdfSync } from 'node:crypto';
import type { Actor, PluginContext } from '@kiban/sdk';
import {
  CompactEncrypt,
  calculateJwkThumbprint,
  compactDecrypt,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
} from 'jose';
import { settingsOf } from '../settings.ts';
import { SIGNING_ALG } from '../shared/sd-jwt.ts';

/**
 * The city's ES256 signing keys. The newest signs; every key stays in the JWKS, so cards
 * signed before a rotation keep verifying until they expire. Private halves are sealed at rest
 * (JWE, `dir` + A256GCM) under a key derived from the `keySecret` setting.
 */

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
}

const imported = new Map<string, Promise<CryptoKey>>();

function sealingKey(secret: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, 'kiban-citizen-card', 'signing-key-seal', 32));
}

async function seal(secret: string, jwk: JWK): Promise<string> {
  return new CompactEncrypt(new TextEncoder().encode(JSON.stringify(jwk)))
    .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
    .encrypt(sealingKey(secret));
}

async function unseal(secret: string, sealed: string): Promise<CryptoKey> {
  const { plaintext } = await compactDecrypt(sealed, sealingKey(secret));
  return importJWK(JSON.parse(new TextDecoder().decode(plaintext)) as JWK, SIGNING_ALG) as Promise<CryptoKey>;
}

async function createKey(ctx: PluginContext): Promise<string> {
  const { keySecret } = await settingsOf(ctx);
  const pair = await generateKeyPair(SIGNING_ALG, { extractable: true });
  const publicJwk = await exportJWK(pair.publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  await ctx.sql.query('insert into signing_key (kid, sealed_private_jwk, public_jwk) values ($1, $2, $3)', [
    kid,
    await seal(keySecret, await exportJWK(pair.privateKey)),
    JSON.stringify({ ...publicJwk, kid, alg: SIGNING_ALG, use: 'sig' }),
  ]);
  return kid;
}

/** The key that signs now, made on first use. */
export async function activeKey(ctx: PluginContext): Promise<SigningKey> {
  const { keySecret } = await settingsOf(ctx);
  const newest = await ctx.sql.query<{ kid: string; sealed_private_jwk: string }>(
    'select kid, sealed_private_jwk from signing_key order by created_at desc, kid limit 1',
  );
  let row = newest.rows[0];
  if (!row) {
    const kid = await createKey(ctx);
    row = (
      await ctx.sql.query<{ kid: string; sealed_private_jwk: string }>(
        'select kid, sealed_private_jwk from signing_key where kid = $1',
        [kid],
      )
    ).rows[0];
  }
  if (!row) throw new Error('signing key vanished');
  const { kid, sealed_private_jwk: sealed } = row;
  if (!imported.has(kid)) imported.set(kid, unseal(keySecret, sealed));
  return { kid, privateKey: await (imported.get(kid) as Promise<CryptoKey>) };
}

/** A new signing key; the previous ones stay published. Audited. */
export async function rotateKey(ctx: PluginContext, actor: Actor): Promise<{ kid: string }> {
  return ctx.transaction(actor, async () => {
    const kid = await createKey(ctx);
    await ctx.audit({ actor, action: 'citizen-card.key.rotated', details: { kid } });
    return { kid };
  });
}

export async function publicKeys(ctx: PluginContext): Promise<JSONWebKeySet> {
  const found = await ctx.sql.query<{ public_jwk: JWK | string }>(
    'select public_jwk from signing_key order by created_at desc, kid',
  );
  return {
    keys: found.rows.map((row) => (typeof row.public_jwk === 'string' ? JSON.parse(row.public_jwk) : row.public_jwk)),
  };
}
