import type { Signer } from '@sd-jwt/types';
import { base64url, compactVerify, createLocalJWKSet, importJWK, type JSONWebKeySet, type JWK } from 'jose';

/**
 * ES256 signing with a Web Crypto key (the issuer's in Node, the holder's non-extractable one in
 * the browser): ECDSA P-256 over the JWS signing input, whose raw r‖s output is the JWS
 * signature. Verification is jose's.
 */
export function es256Signer(key: CryptoKey): Signer {
  return async (signingInput) => {
    const signature = await globalThis.crypto.subtle.sign(
      { name: 'ECDSA', hash: 'SHA-256' },
      key,
      new TextEncoder().encode(signingInput),
    );
    return base64url.encode(new Uint8Array(signature));
  };
}

/** Whether `signingInput.signature` verifies under a key of `jwks` (picked by the header's `kid`). */
export function jwksVerifier(jwks: JSONWebKeySet) {
  const keys = createLocalJWKSet(jwks);
  return async (signingInput: string, signature: string): Promise<boolean> => {
    try {
      await compactVerify(`${signingInput}.${signature}`, keys, { algorithms: ['ES256'] });
      return true;
    } catch {
      return false;
    }
  };
}

/** Whether the key-binding JWT verifies under the holder key the credential names (`cnf.jwk`). */
export async function holderKeyVerifier(signingInput: string, signature: string, payload: unknown): Promise<boolean> {
  const jwk = (payload as { cnf?: { jwk?: JWK } }).cnf?.jwk;
  if (jwk?.kty !== 'EC' || jwk.crv !== 'P-256' || 'd' in jwk) return false;
  try {
    await compactVerify(`${signingInput}.${signature}`, await importJWK(jwk, 'ES256'), { algorithms: ['ES256'] });
    return true;
  } catch {
    return false;
  }
}
