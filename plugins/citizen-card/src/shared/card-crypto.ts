import type { Hasher, KbVerifier } from '@sd-jwt/types';
import type { JSONWebKeySet } from 'jose';
import { hasher } from './sd-jwt.ts';
import { holderKeyVerifier, jwksVerifier } from './signing.ts';

/** Whether `signingInput.signature` is a valid JWS signature. */
export type Verify = (signingInput: string, signature: string) => Promise<boolean>;

/**
 * The cryptography a verifier runs on. The facility page runs Web Crypto; the server may use
 * Node's synchronous primitives, which skip Web Crypto's thread-pool round trip per operation.
 * Both check the same things: ES256 under a key of the JWKS, the holder's P-256 key, SHA-256.
 */
export interface CardCrypto {
  hasher: Hasher;
  /** A verifier for a JWKS; called once per JWKS object (the result is kept). */
  jwksVerifier(jwks: JSONWebKeySet): Verify;
  holderKeyVerifier: KbVerifier;
}

export const webCardCrypto: CardCrypto = { hasher, jwksVerifier, holderKeyVerifier };

const verifiers = new WeakMap<CardCrypto, Map<string, Verify>>();
/** A handful of JWKS at most are live (one, or two across a rotation); more means churn. */
const MAX_JWKS = 16;

/**
 * The JWKS's content as a cache key: the server reads its JWKS anew for every request, so the
 * object differs each time while the keys do not.
 */
export function jwksFingerprint(jwks: JSONWebKeySet): string {
  return JSON.stringify(jwks.keys);
}

/** The suite's verifier for a JWKS, made once per content: importing keys is not redone per presentation. */
export function verifierFor(crypto: CardCrypto, jwks: JSONWebKeySet, fingerprint = jwksFingerprint(jwks)): Verify {
  let perJwks = verifiers.get(crypto);
  if (!perJwks) {
    perJwks = new Map();
    verifiers.set(crypto, perJwks);
  }
  let verify = perJwks.get(fingerprint);
  if (!verify) {
    if (perJwks.size >= MAX_JWKS) perJwks.clear();
    verify = crypto.jwksVerifier(jwks);
    perJwks.set(fingerprint, verify);
  }
  return verify;
}
