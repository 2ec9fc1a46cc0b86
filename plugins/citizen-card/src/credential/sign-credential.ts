import { SDJwtVcInstance } from '@sd-jwt/sd-jwt-vc';
import type { JWK } from 'jose';
import type { SigningKey } from '../keys/signing-keys.ts';
import { type CardClaims, DISCLOSABLE_CLAIMS } from '../shared/claims.ts';
import { CARD_TYPE, hasher, SIGNING_ALG, saltGenerator } from '../shared/sd-jwt.ts';
import { es256Signer } from '../shared/signing.ts';

/** How long a card is valid; it is re-issued earlier whenever its claims change. */
export const VALID_DAYS = 365;

/**
 * The citizen card as an SD-JWT VC (`dc+sd-jwt`, `@sd-jwt/sd-jwt-vc`): every claim a separate
 * disclosure, bound to the holder's key (`cnf`), pointing at its entry in the status list.
 */
export async function signCredential(input: {
  key: SigningKey;
  issuer: string;
  statusListUri: string;
  statusIndex: number;
  holderJwk: JWK;
  claims: CardClaims;
  now: Date;
}): Promise<{ credential: string; issuedAt: number; expiresAt: number }> {
  const issuedAt = Math.floor(input.now.getTime() / 1000);
  const expiresAt = issuedAt + VALID_DAYS * 86_400;
  const issuer = new SDJwtVcInstance({
    hasher,
    hashAlg: 'sha-256',
    saltGenerator,
    signAlg: SIGNING_ALG,
    signer: es256Signer(input.key.privateKey),
  });
  const credential = await issuer.issue(
    {
      iss: input.issuer,
      vct: CARD_TYPE,
      iat: issuedAt,
      exp: expiresAt,
      cnf: { jwk: input.holderJwk },
      status: { status_list: { idx: input.statusIndex, uri: input.statusListUri } },
      ...input.claims,
    },
    { _sd: [...DISCLOSABLE_CLAIMS] },
    { header: { kid: input.key.kid } },
  );
  return { credential, issuedAt, expiresAt };
}
