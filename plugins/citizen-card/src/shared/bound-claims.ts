import { Jwt, KBJwt } from '@sd-jwt/core';
import { unpack } from '@sd-jwt/decode';
import { Disclosure, uint8ArrayToBase64Url } from '@sd-jwt/utils';
import type { CardCrypto } from './card-crypto.ts';

/**
 * The SD-JWT checks after the issuer signature, in one pass over a presentation decoded once:
 * the issuer JWT's `iat`/`nbf`/`exp`, every disclosure's digest referenced exactly once by the
 * signed payload, the key-binding JWT (`kb+jwt`, signed by the holder key `cnf.jwk` names,
 * nonce) and its `sd_hash` over the presentation as sent. The decoding, digests and key-binding
 * rules are `@sd-jwt`'s; what this adds is doing each once (the library's `verify` decodes the
 * presentation and hashes every disclosure twice) and refusing disclosures the payload does not
 * reference, which the library would ignore.
 */
export interface DecodedPresentation {
  jwt: Jwt;
  /** Absent when the presentation ends in `~` (no key binding). */
  kbJwt?: KBJwt;
  encodedDisclosures: string[];
  /** The presentation up to the key-binding JWT (ending in `~`): what `sd_hash` covers. */
  withoutKeyBinding: string;
}

/** Splits and decodes a presentation (`jwt~disclosure~…~kb-jwt`); throws when it is not one. */
export function decodePresentation(presentation: string): DecodedPresentation {
  const cut = presentation.lastIndexOf('~');
  const [issuerJwt = '', ...encodedDisclosures] = presentation.slice(0, cut).split('~');
  const jwt = Jwt.fromEncode(issuerJwt);
  const encodedKb = presentation.slice(cut + 1);
  const kbJwt = encodedKb ? KBJwt.fromKBEncode(encodedKb) : undefined;
  return { jwt, kbJwt, encodedDisclosures, withoutKeyBinding: presentation.slice(0, cut + 1) };
}

/**
 * The disclosed claims when everything but the issuer signature holds, null otherwise. The
 * issuer signature over `signingInput.signature` must have been verified already.
 */
export async function boundClaims(
  decoded: DecodedPresentation,
  verified: { signingInput: string; signature: string },
  crypto: CardCrypto,
  time: { currentDate: number; skewSeconds: number },
): Promise<Record<string, unknown> | null> {
  const { jwt, kbJwt } = decoded;
  if (!kbJwt) return null;
  try {
    const payload = jwt.payload as Record<string, unknown>;
    const alg = typeof payload._sd_alg === 'string' ? payload._sd_alg : 'sha-256';
    // The library's time checks; the signature it asks for is the one verified before.
    await jwt.verify((data, signature) => data === verified.signingInput && signature === verified.signature, time);
    const sdHash = uint8ArrayToBase64Url(await crypto.hasher(decoded.withoutKeyBinding, alg));
    if (kbJwt.payload?.sd_hash !== sdHash) return null;
    const disclosures = await Promise.all(
      decoded.encodedDisclosures.map((encoded) => Disclosure.fromEncode(encoded, { alg, hasher: crypto.hasher })),
    );
    const { unpackedObj, disclosureKeymap } = await unpack(payload, disclosures, crypto.hasher);
    const referenced = new Set(Object.values(disclosureKeymap));
    const digests = new Set(disclosures.map((disclosure) => disclosure._digest));
    if (referenced.size !== disclosures.length || digests.size !== disclosures.length) return null;
    if ([...digests].some((digest) => digest === undefined || !referenced.has(digest))) return null;
    const claims = unpackedObj as Record<string, unknown>;
    await kbJwt.verifyKB({ verifier: crypto.holderKeyVerifier, payload: claims, nonce: kbJwt.payload?.nonce ?? '' });
    return claims;
  } catch {
    return null;
  }
}
