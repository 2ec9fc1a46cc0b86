import { calculateJwkThumbprint, exportJWK, generateKeyPair, type JWK } from 'jose';
import { signCredential } from '../src/credential/sign-credential.ts';
import { hasher } from '../src/shared/sd-jwt.ts';
import { es256Signer } from '../src/shared/signing.ts';
import type { TrustAnchor } from '../src/shared/verify-presentation.ts';

/**
 * Presentations a verifier must refuse although every signature on them is genuine: the ones
 * a shortcut in verification could let through.
 */

/** A card for the holder signed by a key the city never published, under `kid` (its own by default). */
export async function cardSignedByStranger(anchor: TrustAnchor, holderJwk: JWK, kid?: string): Promise<string> {
  const stranger = await generateKeyPair('ES256');
  const { credential } = await signCredential({
    key: {
      kid: kid ?? (await calculateJwkThumbprint(await exportJWK(stranger.publicKey))),
      privateKey: stranger.privateKey,
    },
    issuer: anchor.issuer,
    statusListUri: anchor.statusListUri,
    statusIndex: 1,
    holderJwk,
    claims: {
      resident: true,
      ward: '東灘',
      age_over_18: true,
      age_over_65: false,
      name: '市民 花子',
      birthdate: '1990-04-01',
      photo_sha256: null,
    },
    now: new Date(),
  });
  return credential;
}

/**
 * The presentation with its disclosures replaced and the key binding signed anew by the holder
 * over them (a holder altering their own card): `sd_hash` and the holder signature hold.
 */
export async function rebound(presentation: string, holderKey: CryptoKey, disclosures: string[]): Promise<string> {
  const segments = presentation.split('~');
  const kb = segments.at(-1) ?? '';
  const kbPayload = JSON.parse(Buffer.from(kb.split('.')[1] ?? '', 'base64url').toString());
  const withoutKb = `${[segments[0], ...disclosures].join('~')}~`;
  const sdHash = Buffer.from(await hasher(withoutKb, 'sha-256')).toString('base64url');
  const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signingInput = `${encode({ alg: 'ES256', typ: 'kb+jwt' })}.${encode({ ...kbPayload, sd_hash: sdHash })}`;
  return `${withoutKb}${signingInput}.${await es256Signer(holderKey)(signingInput)}`;
}

/** A disclosure `[salt, claim, value]` with its value changed. */
export function alteredDisclosure(disclosure: string, value: unknown): string {
  const [salt, claim] = JSON.parse(Buffer.from(disclosure, 'base64url').toString());
  return Buffer.from(JSON.stringify([salt, claim, value])).toString('base64url');
}

/** A disclosure the issuer never signed. */
export function strayDisclosure(claim: string, value: unknown): string {
  return Buffer.from(JSON.stringify(['c2FsdHNhbHRzYWx0', claim, value])).toString('base64url');
}
