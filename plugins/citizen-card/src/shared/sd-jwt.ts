import { SDJwtInstance } from '@sd-jwt/core';
import type { Hasher, KbVerifier, Signer, Verifier } from '@sd-jwt/types';
import { base64url } from 'jose';

/**
 * What the issuer, the holder's page and the verifier's page share about the SD-JWT VC: the
 * hash and salt functions on Web Crypto (the same in Node and the browser) and the instance
 * the `@sd-jwt` libraries work through. No cryptography of our own: signing and verifying
 * are jose's, the encoding and disclosure logic `@sd-jwt`'s.
 */

/** `vct` of the citizen card (SD-JWT VC type). */
export const CARD_TYPE = 'urn:kiban:citizen-card:1';
export const SIGNING_ALG = 'ES256';

export const hasher: Hasher = async (data, alg) => {
  if (alg.toLowerCase() !== 'sha-256') throw new Error(`unsupported hash ${alg}`);
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : new Uint8Array(data);
  return new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', bytes));
};

export function saltGenerator(length: number): string {
  return base64url.encode(globalThis.crypto.getRandomValues(new Uint8Array(length)));
}

export interface CardInstanceOptions {
  /** SHA-256 on Web Crypto unless given. */
  hasher?: Hasher;
  signer?: Signer;
  verifier?: Verifier;
  kbSigner?: Signer;
  kbVerifier?: KbVerifier;
}

/**
 * The SD-JWT core the holder and the verifier need (present, verify with key binding). The
 * issuer signs through `@sd-jwt/sd-jwt-vc` on the server; its type-metadata schemas stay out
 * of the browser bundle.
 */
export function cardInstance(options: CardInstanceOptions): SDJwtInstance<Record<string, unknown>> {
  return new SDJwtInstance({
    hasher: options.hasher ?? hasher,
    hashAlg: 'sha-256',
    saltGenerator,
    signAlg: SIGNING_ALG,
    kbSignAlg: SIGNING_ALG,
    signer: options.signer,
    verifier: options.verifier,
    kbSigner: options.kbSigner,
    kbVerifier: options.kbVerifier,
  });
}
