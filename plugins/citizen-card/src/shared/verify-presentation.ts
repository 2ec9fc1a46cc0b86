import { getListFromStatusListJWT } from '@sd-jwt/jwt-status-list';
import { decodeJwt, decodeProtectedHeader, type JSONWebKeySet } from 'jose';
import { boundClaims, type DecodedPresentation, decodePresentation } from './bound-claims.ts';
import { type CardCrypto, jwksFingerprint, type Verify, verifierFor, webCardCrypto } from './card-crypto.ts';
import { type CardClaims, DISCLOSABLE_CLAIMS, profileOf } from './claims.ts';
import { CARD_TYPE } from './sd-jwt.ts';

/**
 * Verifies a presented citizen card with nothing but what the verifier has cached: the city's
 * JWKS and its status list token. Used by the facility page (offline) and by the server (shelter
 * check-in, relief pickup), so both refuse exactly the same things.
 */

/** What a verifier trusts, as fetched the last time it was online. */
export interface TrustAnchor {
  issuer: string;
  jwks: JSONWebKeySet;
  /** URI the credentials name for their status (`status.status_list.uri`). */
  statusListUri: string;
  /** The status list token (JWT) fetched from that URI. */
  statusList: string;
  /** When the status list was fetched (ms since epoch). */
  statusListFetchedAt: number;
}

/** Nonces seen within the presentation window: a second presentation with one is a replay. */
export interface ReplayGuard {
  /** Records the nonce; false when it was already seen. */
  firstUse(nonce: string, expiresAt: number): boolean | Promise<boolean>;
}

export type Refusal =
  | 'notOurs'
  | 'wrongIssuer'
  | 'badSignature'
  | 'expired'
  | 'tampered'
  | 'noKeyBinding'
  | 'wrongAudience'
  | 'wrongNonce'
  | 'presentationExpired'
  | 'replayed'
  | 'revoked'
  | 'statusUnknown'
  | 'overDisclosed'
  | 'missingClaims';

export type Verification =
  | {
      ok: true;
      claims: Partial<CardClaims>;
      statusIndex: number;
      /** Seconds since the status list was fetched; `staleStatusList` past the threshold. */
      statusListAgeSeconds: number;
      staleStatusList: boolean;
    }
  | { ok: false; refusal: Refusal };

/** How long after `iat` a presentation is accepted. */
export const PRESENTATION_SECONDS = 120;
/** Past this, the verifier warns that its status list is old. */
export const STALE_STATUS_LIST_SECONDS = 6 * 3600;
const CLOCK_SKEW_SECONDS = 30;

function refuse(refusal: Refusal): Verification {
  return { ok: false, refusal };
}

export async function verifyPresentation(input: {
  presentation: string;
  trust: TrustAnchor;
  profileId: string;
  now: Date;
  replay: ReplayGuard;
  /** The nonce the facility showed, when it showed one. */
  expectedNonce?: string;
  /** Web Crypto unless given (the server passes Node's). */
  crypto?: CardCrypto;
}): Promise<Verification> {
  const { trust, now } = input;
  const crypto = input.crypto ?? webCardCrypto;
  const profile = profileOf(input.profileId);
  if (!profile) throw new Error(`unknown facility profile ${input.profileId}`);
  let decoded: DecodedPresentation;
  try {
    if (!input.presentation.includes('~')) return refuse('notOurs');
    decoded = decodePresentation(input.presentation);
  } catch {
    return refuse('notOurs');
  }
  const header = decoded.jwt.header ?? {};
  const payload = decoded.jwt.payload ?? {};
  const kb = decoded.kbJwt?.payload;
  if (payload.vct !== CARD_TYPE || (header.typ !== 'dc+sd-jwt' && header.typ !== 'vc+sd-jwt')) return refuse('notOurs');
  if (payload.iss !== trust.issuer) return refuse('wrongIssuer');
  const seconds = Math.floor(now.getTime() / 1000);
  if (typeof payload.exp !== 'number' || payload.exp <= seconds) return refuse('expired');
  if (!kb) return refuse('noKeyBinding');
  if (kb.aud !== profile.id) return refuse('wrongAudience');
  if (typeof kb.nonce !== 'string') return refuse('noKeyBinding');
  if (input.expectedNonce !== undefined && kb.nonce !== input.expectedNonce) return refuse('wrongNonce');
  if (typeof kb.iat !== 'number' || kb.iat > seconds + CLOCK_SKEW_SECONDS || kb.iat < seconds - PRESENTATION_SECONDS) {
    return refuse('presentationExpired');
  }
  const status = (payload.status as { status_list?: { idx?: unknown; uri?: unknown } } | undefined)?.status_list;
  if (typeof status?.idx !== 'number' || status.uri !== trust.statusListUri) return refuse('statusUnknown');

  const fingerprint = jwksFingerprint(trust.jwks);
  const verify = verifierFor(crypto, trust.jwks, fingerprint);
  const [signingInput, signature] = signingInputAndSignature(input.presentation);
  if (!(await verify(signingInput, signature))) return refuse('badSignature');
  const claims = await boundClaims(decoded, { signingInput, signature }, crypto, {
    currentDate: seconds,
    skewSeconds: CLOCK_SKEW_SECONDS,
  });
  if (!claims) return refuse('tampered');
  const revoked = await statusOf(trust, fingerprint, status.idx, verify);
  if (revoked === null) return refuse('statusUnknown');
  if (revoked) return refuse('revoked');
  const disclosed = DISCLOSABLE_CLAIMS.filter((claim) => claim in claims);
  if (disclosed.some((claim) => !profile.requests.includes(claim))) return refuse('overDisclosed');
  if (profile.requests.some((claim) => !(claim in claims))) return refuse('missingClaims');
  if (!(await input.replay.firstUse(kb.nonce, (kb.iat + PRESENTATION_SECONDS + CLOCK_SKEW_SECONDS) * 1000))) {
    return refuse('replayed');
  }
  const ageSeconds = Math.max(0, Math.floor((now.getTime() - trust.statusListFetchedAt) / 1000));
  return {
    ok: true,
    claims: Object.fromEntries(disclosed.map((claim) => [claim, claims[claim]])) as Partial<CardClaims>,
    statusIndex: status.idx,
    statusListAgeSeconds: ageSeconds,
    staleStatusList: ageSeconds > STALE_STATUS_LIST_SECONDS,
  };
}

type StatusList = ReturnType<typeof getListFromStatusListJWT>;

/**
 * The last status list checked, per JWKS content (the server's trust anchor is a new object on
 * every request): its signature is checked and the list decompressed once per token.
 */
const checkedLists = new Map<string, { token: string; uri: string; list: StatusList | null }>();
const MAX_CHECKED_LISTS = 16;

/**
 * Whether the card at `index` is revoked in the cached status list (`@sd-jwt/jwt-status-list`),
 * after checking the list's own signature; null when the list does not verify or is not the
 * one the card names.
 */
async function statusOf(
  trust: TrustAnchor,
  fingerprint: string,
  index: number,
  verify: Verify,
): Promise<boolean | null> {
  let checked = checkedLists.get(fingerprint);
  if (checked?.token !== trust.statusList || checked.uri !== trust.statusListUri) {
    checked = { token: trust.statusList, uri: trust.statusListUri, list: await checkedStatusList(trust, verify) };
    if (!checkedLists.has(fingerprint) && checkedLists.size >= MAX_CHECKED_LISTS) checkedLists.clear();
    checkedLists.set(fingerprint, checked);
  }
  try {
    return checked.list ? checked.list.getStatus(index) !== 0 : null;
  } catch {
    return null;
  }
}

async function checkedStatusList(trust: TrustAnchor, verify: Verify): Promise<StatusList | null> {
  try {
    const header = decodeProtectedHeader(trust.statusList);
    const payload = decodeJwt(trust.statusList);
    if (header.typ !== 'statuslist+jwt' || payload.sub !== trust.statusListUri) return null;
    if (!(await verify(...signingInputAndSignature(trust.statusList)))) return null;
    return getListFromStatusListJWT(trust.statusList);
  } catch {
    return null;
  }
}

/** A JWS (or the issuer-signed JWT of an SD-JWT) as its signing input and signature. */
function signingInputAndSignature(token: string): [string, string] {
  const jwt = token.split('~')[0] ?? '';
  const cut = jwt.lastIndexOf('.');
  return [jwt.slice(0, cut), jwt.slice(cut + 1)];
}

/** A replay guard in memory, for one verifier (a facility's page, one server process). */
export function memoryReplayGuard(): ReplayGuard {
  const seen = new Map<string, number>();
  let prunedAt = 0;
  return {
    firstUse(nonce, expiresAt) {
      const now = Date.now();
      // Expired nonces go once a second, not on every scan: a busy entrance sees thousands.
      if (now - prunedAt >= 1000) {
        for (const [key, until] of seen) if (until < now) seen.delete(key);
        prunedAt = now;
      }
      if (seen.has(nonce)) return false;
      seen.set(nonce, expiresAt);
      return true;
    },
  };
}
