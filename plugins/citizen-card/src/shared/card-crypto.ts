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

const verifiers = new WeakMap<CardCrypto, WeakMap<JSONWebKeySet, Verify>>();

/** The suite's verifier for a cached JWKS, made once: importing keys is not redone per presentation. */
export function verifierFor(crypto: CardCrypto, jwks: JSONWebKeySet): Verify {
  let perJwks = verifiers.get(crypto);
  if (!perJwks) {
    perJwks = new WeakMap();
    verifiers.set(crypto, perJwks);
  }
  let verify = perJwks.get(jwks);
  if (!verify) {
    verify = crypto.jwksVerifier(jwks);
    perJwks.set(jwks, verify);
  }
  return verify;
}
