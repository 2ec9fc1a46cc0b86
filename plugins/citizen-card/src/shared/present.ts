import { profileOf } from './claims.ts';
import { cardInstance } from './sd-jwt.ts';
import { es256Signer } from './signing.ts';

/**
 * The holder's side, on the card page (also offline): a presentation of the credential that
 * discloses exactly what `profileId` asks for, bound to the holder's key with a key-binding
 * JWT naming the facility (`aud`), the moment (`iat`) and a nonce (the one the facility shows,
 * or a fresh one), so that a screenshot of it is refused once it is a few minutes old.
 */
export async function presentCard(input: {
  credential: string;
  holderKey: CryptoKey;
  profileId: string;
  nonce?: string;
  now: Date;
}): Promise<string> {
  const profile = profileOf(input.profileId);
  if (!profile) throw new Error(`unknown facility profile ${input.profileId}`);
  const frame = Object.fromEntries(profile.requests.map((claim) => [claim, true]));
  const nonce = input.nonce ?? crypto.randomUUID();
  return cardInstance({ kbSigner: es256Signer(input.holderKey) }).present(input.credential, frame, {
    kb: { payload: { iat: Math.floor(input.now.getTime() / 1000), aud: profile.id, nonce } },
  });
}
