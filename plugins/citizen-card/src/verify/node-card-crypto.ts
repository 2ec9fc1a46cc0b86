import { hash, type KeyObject, verify } from 'node:crypto';
import type { JSONWebKeySet, JWK } from 'jose';
import type { CardCrypto, Verify } from '../shared/card-crypto.ts';
import { derSignature } from './der-signature.ts';
import { p256PublicKey } from './p256-public-key.ts';

/**
 * The verifier's cryptography on Node's synchronous primitives, for the server. Web Crypto in
 * Node hands every digest and signature check to the thread pool and back, which costs more
 * than the check itself; these run in place. What is accepted is the same as the facility
 * page's Web Crypto suite: ES256 (P-256, IEEE P1363 signature) only, the key picked by the
 * header's `kid`, no critical or unencoded-payload headers.
 */
export const nodeCardCrypto: CardCrypto = {
  hasher(data, alg) {
    if (alg.toLowerCase() !== 'sha-256') throw new Error(`unsupported hash ${alg}`);
    const bytes = typeof data === 'string' ? data : new Uint8Array(data);
    return new Uint8Array(hash('sha256', bytes, 'buffer'));
  },
  jwksVerifier(jwks: JSONWebKeySet): Verify {
    // Imported once per JWKS: a presentation only looks its key up.
    const keys = jwks.keys.filter(isP256PublicKey).map((jwk) => ({ kid: jwk.kid, key: p256PublicKey(jwk) }));
    return async (signingInput, signature) => {
      const header = headerOf(signingInput);
      if (!header) return false;
      const candidates = keys.filter((entry) => header.kid === undefined || entry.kid === header.kid);
      // Without a kid the key must be unambiguous, as jose's local JWKS requires.
      if (candidates.length !== 1 || !candidates[0]) return false;
      return es256Verifies(candidates[0].key, signingInput, signature);
    };
  },
  async holderKeyVerifier(signingInput, signature, payload) {
    const jwk = (payload as { cnf?: { jwk?: JWK } }).cnf?.jwk;
    if (!jwk || !isP256PublicKey(jwk) || !headerOf(signingInput)) return false;
    try {
      return es256Verifies(p256PublicKey(jwk), signingInput, signature);
    } catch {
      return false;
    }
  },
};

function isP256PublicKey(jwk: JWK): boolean {
  return jwk.kty === 'EC' && jwk.crv === 'P-256' && !('d' in jwk) && (jwk.alg === undefined || jwk.alg === 'ES256');
}

/** The protected header when it asks for plain ES256; null for anything else. */
function headerOf(signingInput: string): { kid?: string } | null {
  try {
    const header = JSON.parse(Buffer.from(signingInput.split('.')[0] ?? '', 'base64url').toString('utf8'));
    if (header?.alg !== 'ES256' || 'crit' in header || 'b64' in header) return null;
    return { kid: typeof header.kid === 'string' ? header.kid : undefined };
  } catch {
    return null;
  }
}

function es256Verifies(key: KeyObject, signingInput: string, signature: string): boolean {
  const der = derSignature(Buffer.from(signature, 'base64url'));
  return der !== null && verify('sha256', Buffer.from(signingInput), key, der);
}
