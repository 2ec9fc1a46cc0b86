import { KeyObject, sign, verify } from 'node:crypto';
import { createHeaderAndPayload } from '@sd-jwt/jwt-status-list';
import { calculateJwkThumbprint, compactVerify, createLocalJWKSet, exportJWK, generateKeyPair, SignJWT } from 'jose';
import { signCredential } from '../plugins/citizen-card/src/credential/sign-credential.ts';
import { presentCard } from '../plugins/citizen-card/src/shared/present.ts';
import {
  memoryReplayGuard,
  type TrustAnchor,
  verifyPresentation,
} from '../plugins/citizen-card/src/shared/verify-presentation.ts';
import { statusListOf } from '../plugins/citizen-card/src/status/status-list.ts';
import { nodeCardCrypto } from '../plugins/citizen-card/src/verify/node-card-crypto.ts';
import { formatTable } from './lib/table.ts';

/**
 * The citizen card plugin without a database: offline verifications per second on one core
 * (the facility page's module: issuer signature, disclosures, key binding, status list), on Web
 * Crypto as the page runs it and on Node's primitives as the server runs it, against
 * a baseline of the issuer signature check alone in the same run, and against what this machine's
 * P-256 allows: a presentation needs two ECDSA verifications (issuer and key binding), so a bare
 * `crypto.verify` loop halved is the ceiling; and the size of the status list a verifier
 * downloads for 2,700,000 cards.
 */
const PRESENTATIONS = Number(process.env.KIBAN_BENCH_CITIZEN_CARD_PRESENTATIONS ?? 2_000);
/** Presentations for the row that reads the trust anchor per request (costly before it was cached by content). */
const SITE_PRESENTATIONS = Math.min(
  PRESENTATIONS,
  Number(process.env.KIBAN_BENCH_CITIZEN_CARD_SITE_PRESENTATIONS ?? PRESENTATIONS),
);
const CARDS = 2_700_000;
const ISSUER = 'https://city.example/api/public/citizen-card';
const STATUS_LIST_URI = `${ISSUER}/status-list`;

export async function run(): Promise<void> {
  const issuerKeys = await generateKeyPair('ES256', { extractable: true });
  const publicJwk = await exportJWK(issuerKeys.publicKey);
  const kid = await calculateJwkThumbprint(publicJwk);
  const key = { kid, privateKey: issuerKeys.privateKey };
  const holder = await generateKeyPair('ES256');
  const now = new Date();
  const { credential } = await signCredential({
    key,
    issuer: ISSUER,
    statusListUri: STATUS_LIST_URI,
    statusIndex: 1234,
    holderJwk: await exportJWK(holder.publicKey),
    claims: {
      resident: true,
      ward: '東灘',
      age_over_18: true,
      age_over_65: false,
      name: '市民 花子',
      birthdate: '1990-04-01',
      photo_sha256: 'a'.repeat(64),
    },
    now,
  });
  const revoked = Array.from({ length: CARDS / 100 }, (_, i) => i * 100 + 7);
  const statusList = await signedStatusList(statusListOf(CARDS, revoked), kid, issuerKeys.privateKey, now);
  const trust: TrustAnchor = {
    issuer: ISSUER,
    jwks: { keys: [{ ...publicJwk, kid, alg: 'ES256' }] },
    statusListUri: STATUS_LIST_URI,
    statusList,
    statusListFetchedAt: now.getTime(),
  };

  console.log(`\n## offline verification: ${PRESENTATIONS} gym presentations, one core`);
  const presentations = await Promise.all(
    Array.from({ length: PRESENTATIONS + 1 }, () =>
      presentCard({ credential, holderKey: holder.privateKey, profileId: 'gym', now }),
    ),
  );
  const keys = createLocalJWKSet(trust.jwks);
  const issuerJwt = credential.split('~')[0] ?? '';
  const baseline = await perSecond(PRESENTATIONS, async () => {
    await compactVerify(issuerJwt, keys);
  });
  const raw = await perSecond(PRESENTATIONS, rawVerifier(issuerKeys.publicKey, issuerKeys.privateKey, issuerJwt));
  const replay = memoryReplayGuard();
  const refreshStarted = performance.now();
  const first = await verifyPresentation({
    presentation: presentations[PRESENTATIONS] ?? '',
    profileId: 'gym',
    trust,
    now,
    replay,
  });
  const firstMs = performance.now() - refreshStarted;
  if (!first.ok) throw new Error(`the first presentation was refused: ${first.refusal}`);
  let accepted = 0;
  const full = await perSecond(PRESENTATIONS, async (i) => {
    const result = await verifyPresentation({
      presentation: presentations[i] ?? '',
      profileId: 'gym',
      trust,
      now,
      replay,
    });
    if (result.ok) accepted += 1;
  });
  if (accepted !== PRESENTATIONS) throw new Error(`only ${accepted} of ${PRESENTATIONS} presentations verified`);
  // The same presentations again, on the server's suite (a fresh replay guard).
  const serverReplay = memoryReplayGuard();
  accepted = 0;
  const server = await perSecond(PRESENTATIONS, async (i) => {
    const result = await verifyPresentation({
      presentation: presentations[i] ?? '',
      profileId: 'gym',
      trust,
      now,
      replay: serverReplay,
      crypto: nodeCardCrypto,
    });
    if (result.ok) accepted += 1;
  });
  if (accepted !== PRESENTATIONS) throw new Error(`only ${accepted} of ${PRESENTATIONS} verified on the server`);
  // As `verifyAtSite` calls it: the trust anchor is read anew for every request (a new JWKS object).
  const siteReplay = memoryReplayGuard();
  accepted = 0;
  const site = await perSecond(SITE_PRESENTATIONS, async (i) => {
    const result = await verifyPresentation({
      presentation: presentations[i] ?? '',
      profileId: 'gym',
      trust: { ...trust, jwks: structuredClone(trust.jwks) },
      now,
      replay: siteReplay,
      crypto: nodeCardCrypto,
    });
    if (result.ok) accepted += 1;
  });
  if (accepted !== SITE_PRESENTATIONS)
    throw new Error(`only ${accepted} of ${SITE_PRESENTATIONS} verified as at a site`);
  // Other processes share the machine: CPU time says what one core does, wall time what it did.
  const row = (name: string, rate: Rate) => [
    name,
    rate.wall.toFixed(0),
    rate.cpu.toFixed(0),
    `${(rate.cpu / baseline.cpu).toFixed(2)}×`,
    `${(rate.cpu / raw.cpu / 0.5).toFixed(2)}×`,
  ];
  console.log(
    formatTable(
      ['check', 'per second', 'per CPU second', 'vs baseline', 'vs ceiling'],
      [
        row('baseline: issuer signature only (jose)', baseline),
        row('one ES256 verify, bare node:crypto', raw),
        row('ceiling: two bare verifies per presentation', { wall: raw.wall / 2, cpu: raw.cpu / 2 }),
        row('full verification, Web Crypto (facility page)', full),
        row('full verification, Node crypto (server)', server),
        row('… with the trust anchor read per request', site),
      ],
    ),
  );
  console.log(
    `first verification after a status list refresh (decompresses ${CARDS.toLocaleString()} entries): ${firstMs.toFixed(0)} ms`,
  );

  console.log(`\n## status list for ${CARDS.toLocaleString()} cards (1 bit each), as a verifier downloads it`);
  const rows = [];
  for (const share of [0, 0.001, 0.01, 0.05]) {
    // Revoked cards are spread at random, as losses and moves are.
    const revokedNow = Array.from({ length: Math.floor(CARDS * share) }, () => Math.floor(random() * CARDS));
    const token = await signedStatusList(statusListOf(CARDS, revokedNow), kid, issuerKeys.privateKey, now);
    rows.push([`${(share * 100).toFixed(1)} % revoked`, (CARDS / 8).toLocaleString(), token.length.toLocaleString()]);
  }
  console.log(formatTable(['list', 'raw bytes (bits / 8)', 'token bytes (zlib + base64url, signed)'], rows));
}

async function signedStatusList(
  list: ReturnType<typeof statusListOf>,
  kid: string,
  privateKey: CryptoKey,
  now: Date,
): Promise<string> {
  const { header, payload } = createHeaderAndPayload(
    list,
    { iss: ISSUER, sub: STATUS_LIST_URI, iat: Math.floor(now.getTime() / 1000), ttl: 30 },
    { alg: 'ES256', typ: 'statuslist+jwt', kid },
  );
  return new SignJWT(payload).setProtectedHeader(header).sign(privateKey);
}

/**
 * One P-256 signature check and nothing else: the key imported once, the signature in DER and
 * the signing input as bytes made before the loop, Node's synchronous `crypto.verify`.
 */
function rawVerifier(publicKey: CryptoKey, privateKey: CryptoKey, jwt: string): () => Promise<void> {
  const key = KeyObject.from(publicKey);
  const data = Buffer.from(jwt.slice(0, jwt.lastIndexOf('.')));
  const signature = sign('sha256', data, KeyObject.from(privateKey));
  return async () => {
    if (!verify('sha256', data, key, signature)) throw new Error('the bare signature did not verify');
  };
}

/** A fixed pseudo-random sequence (mulberry32), so that every run revokes the same cards. */
let seed = 2_700_000;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}

/** Operations per second of wall time and per second of this process's CPU time. */
interface Rate {
  wall: number;
  cpu: number;
}

async function perSecond(count: number, work: (i: number) => Promise<void>): Promise<Rate> {
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  for (let i = 0; i < count; i += 1) await work(i);
  const cpu = process.cpuUsage(cpuBefore);
  return { wall: count / ((performance.now() - started) / 1000), cpu: count / ((cpu.user + cpu.system) / 1e6) };
}
