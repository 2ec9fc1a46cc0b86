import { createTestHost, type TestHost, type TestHostClient } from '@kiban/sdk/testing';
import { decodeProtectedHeader } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import citizenCard from '../src/index.ts';
import { type CardCrypto, webCardCrypto } from '../src/shared/card-crypto.ts';
import { presentCard } from '../src/shared/present.ts';
import { memoryReplayGuard, type TrustAnchor, verifyPresentation } from '../src/shared/verify-presentation.ts';
import { nodeCardCrypto } from '../src/verify/node-card-crypto.ts';
import { alteredDisclosure, cardSignedByStranger, rebound, strayDisclosure } from './forgery.ts';
import { type Holder, kinds, residentSession, SETTINGS } from './support.ts';

/** Issuance, selective disclosure, offline verification and revocation in a real engine. */
describe.each(kinds)('citizen card on %s', (kind) => {
  let host: TestHost;
  let registrar: TestHostClient;
  let keyAdmin: TestHostClient;
  let hanako: Holder;

  const record = (holder: Holder, overrides: Record<string, unknown> = {}) =>
    registrar.request('POST', '/api/actions/citizen-card.recordResident', {
      body: {
        principalId: holder.id,
        name: '市民 花子',
        birthDate: '1990-04-01',
        ward: '東灘',
        householdId: `household-${holder.id}`,
        photoSha256: 'a'.repeat(64),
        status: 'resident',
        ...overrides,
      },
    });
  const issue = (holder: Holder) =>
    holder.request('POST', '/api/actions/citizen-card.issue', { holderKey: holder.publicJwk });
  const trust = async (): Promise<TrustAnchor> => (await host.request('GET', '/api/public/citizen-card/trust')).body;
  const verify = async (
    presentation: string,
    profileId: string,
    anchor?: TrustAnchor,
    now = new Date(),
    crypto: CardCrypto = webCardCrypto,
  ) =>
    verifyPresentation({
      presentation,
      profileId,
      trust: anchor ?? (await trust()),
      now,
      replay: memoryReplayGuard(),
      crypto,
    });

  beforeAll(async () => {
    host = await createTestHost({ plugins: [citizenCard], kind });
    expect((await host.setSettings('citizen-card', SETTINGS)).status).toBe(200);
    registrar = await host.signInAs('staff', 'registrar', ['citizen-card-registrar']);
    keyAdmin = await host.signInAs('staff', 'key-admin', ['citizen-card-key-admin']);
    hanako = await residentSession(host, 'hanako', 'jpki');
    expect((await record(hanako)).status).toBe(200);
  });
  afterAll(async () => {
    await host?.close();
  });

  it('refuses to issue a card to a session without public authentication', async () => {
    const weak = await residentSession(host, 'weak', 'low');
    await record(weak);
    const refused = await issue(weak);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('auth.stepUpRequired');
    expect((await weak.request('GET', '/api/plugins/citizen-card/credential')).status).toBe(404);
  });

  it('refuses a resident the register does not know, and bad holder keys, changing nothing', async () => {
    const stranger = await residentSession(host, 'stranger', 'jpki');
    expect((await issue(stranger)).body.code).toBe('citizenCard.notRegistered');
    const privateKey = await stranger.request('POST', '/api/actions/citizen-card.issue', {
      holderKey: { ...stranger.publicJwk, d: 'x'.repeat(43) },
    });
    expect(privateKey.status).toBe(422);
  });

  it('issues an SD-JWT VC whose claims are each disclosed separately, signed by the city key', async () => {
    const issued = await issue(hanako);
    expect(issued.status).toBe(200);
    expect(issued.body.claims).toMatchObject({ resident: true, ward: '東灘', age_over_18: true, age_over_65: false });
    const [jwt, ...disclosures] = (issued.body.credential as string).split('~');
    expect(disclosures.filter(Boolean)).toHaveLength(7);
    expect(jwt).not.toContain(Buffer.from('東灘').toString('base64url'));
    const { keys } = (await host.request('GET', '/api/public/citizen-card/jwks')).body;
    expect(keys.map((key: { kid: string }) => key.kid)).toContain(decodeProtectedHeader(jwt as string).kid);
  });

  it('presents only the claims the facility asks for, and the gym never sees the birth date', async () => {
    const { credential } = (await hanako.request('GET', '/api/plugins/citizen-card/credential')).body;
    const presentation = await presentCard({
      credential,
      holderKey: hanako.holderKey,
      profileId: 'gym',
      now: new Date(),
    });
    const result = await verify(presentation, 'gym');
    expect(result).toMatchObject({ ok: true, claims: { resident: true, age_over_18: true } });
    expect(result.ok && Object.keys(result.claims).sort()).toEqual(['age_over_18', 'resident']);
    expect(presentation).not.toContain(Buffer.from('1990-04-01').toString('base64url').slice(0, 8));
  });

  // The facility page runs Web Crypto, the server Node's primitives: both refuse the same things.
  it.each([
    ['Web Crypto', webCardCrypto],
    ['Node crypto', nodeCardCrypto],
  ])(
    'refuses tampered, forged, over-disclosing, replayed, expired and misdirected presentations (%s)',
    async (_suite, crypto) => {
      const check = (presentation: string, profileId: string, anchor: TrustAnchor, now?: Date) =>
        verify(presentation, profileId, anchor, now, crypto);
      const { credential } = (await hanako.request('GET', '/api/plugins/citizen-card/credential')).body;
      const now = new Date();
      const gym = await presentCard({ credential, holderKey: hanako.holderKey, profileId: 'gym', now });
      const anchor = await trust();
      const [jwt, ...rest] = gym.split('~');
      const [h, p, s] = (jwt as string).split('.');
      const payload = JSON.parse(Buffer.from(p as string, 'base64url').toString());
      const altered = [
        `${h}.${Buffer.from(JSON.stringify({ ...payload, exp: payload.exp + 1 })).toString('base64url')}.${s}`,
        ...rest,
      ].join('~');
      expect(await check(altered, 'gym', anchor)).toEqual({ ok: false, refusal: 'badSignature' });
      const swapped = gym.replace(rest[0] as string, rest[1] as string);
      expect((await check(swapped, 'gym', anchor)).ok).toBe(false);
      const forger = await residentSession(host, 'forger', 'jpki');
      const stolen = await presentCard({ credential, holderKey: forger.holderKey, profileId: 'gym', now });
      expect(await check(stolen, 'gym', anchor)).toEqual({ ok: false, refusal: 'tampered' });
      expect(await check(gym, 'library', anchor)).toEqual({ ok: false, refusal: 'wrongAudience' });
      const shelter = await presentCard({ credential, holderKey: hanako.holderKey, profileId: 'shelter', now });
      const overDisclosing = `${shelter.split('~').slice(0, -1).join('~')}~`;
      expect((await check(overDisclosing, 'gym', anchor)).ok).toBe(false);
      const later = new Date(now.getTime() + 10 * 60_000);
      expect(await check(gym, 'gym', anchor, later)).toEqual({ ok: false, refusal: 'presentationExpired' });
      const guard = memoryReplayGuard();
      const once = { presentation: gym, profileId: 'gym', trust: anchor, now, replay: guard, crypto };
      expect((await verifyPresentation(once)).ok).toBe(true);
      expect(await verifyPresentation(once)).toEqual({ ok: false, refusal: 'replayed' });
      expect(await check('not a card', 'gym', anchor)).toEqual({ ok: false, refusal: 'notOurs' });
      const otherIssuer = { ...anchor, issuer: 'https://other-city.example/api/public/citizen-card' };
      expect(await check(gym, 'gym', otherIssuer)).toEqual({ ok: false, refusal: 'wrongIssuer' });
    },
  );

  // What a faster path could skip: each case carries genuine signatures except where it says.
  it.each([
    ['Web Crypto', webCardCrypto],
    ['Node crypto', nodeCardCrypto],
  ])(
    'refuses unknown keys, altered or stray disclosures and a wrong confirmation code (%s)',
    async (_suite, crypto) => {
      const { credential } = (await hanako.request('GET', '/api/plugins/citizen-card/credential')).body;
      const anchor = await trust();
      const now = new Date();
      const check = (presentation: string, expectedNonce?: string, trustAnchor = anchor) =>
        verifyPresentation({
          presentation,
          profileId: 'gym',
          trust: trustAnchor,
          now,
          replay: memoryReplayGuard(),
          expectedNonce,
          crypto,
        });
      const gym = await presentCard({ credential, holderKey: hanako.holderKey, profileId: 'gym', nonce: 'A1B2', now });
      expect((await check(gym, 'A1B2')).ok).toBe(true);
      expect(await check(gym, 'Z9Y8')).toEqual({ ok: false, refusal: 'wrongNonce' });

      const ownKid = decodeProtectedHeader(gym).kid as string;
      for (const kid of [undefined, ownKid]) {
        const forged = await cardSignedByStranger(anchor, hanako.publicJwk, kid);
        const presented = await presentCard({ credential: forged, holderKey: hanako.holderKey, profileId: 'gym', now });
        expect(await check(presented)).toEqual({ ok: false, refusal: 'badSignature' });
      }
      const rotatedOut = { ...anchor, jwks: { keys: anchor.jwks.keys.filter((key) => key.kid !== ownKid) } };
      expect(await check(gym, undefined, rotatedOut)).toEqual({ ok: false, refusal: 'badSignature' });

      const disclosures = gym.split('~').slice(1, -1);
      expect((await check(await rebound(gym, hanako.holderKey, disclosures))).ok).toBe(true);
      const altered = disclosures.map((disclosure) => alteredDisclosure(disclosure, 'yes'));
      const stray = [...disclosures, strayDisclosure('age_over_65', true)];
      const twice = [...disclosures, disclosures[0] as string];
      for (const changed of [altered, stray, twice]) {
        expect(await check(await rebound(gym, hanako.holderKey, changed))).toEqual({ ok: false, refusal: 'tampered' });
      }
    },
  );

  it('still verifies cards signed before a key rotation, and signs new ones with the new key', async () => {
    const before = (await hanako.request('GET', '/api/plugins/citizen-card/credential')).body.credential as string;
    const rotated = await keyAdmin.request('POST', '/api/actions/citizen-card.rotateKey', { body: {} });
    expect(rotated.status).toBe(200);
    const old = await presentCard({
      credential: before,
      holderKey: hanako.holderKey,
      profileId: 'gym',
      now: new Date(),
    });
    expect((await verify(old, 'gym')).ok).toBe(true);
    const taro = await residentSession(host, 'taro', 'jpki');
    await record(taro, { name: '市民 太郎' });
    const fresh = (await issue(taro)).body.credential as string;
    expect(decodeProtectedHeader(fresh).kid).toBe(rotated.body.kid);
    expect(decodeProtectedHeader(before).kid).not.toBe(rotated.body.kid);
  });

  it('re-issues the card when the resident moves to another ward, revoking the old one', async () => {
    const before = (await hanako.request('GET', '/api/plugins/citizen-card/credential')).body;
    expect((await record(hanako, { ward: '灘' })).status).toBe(200);
    const after = (await hanako.request('GET', '/api/plugins/citizen-card/credential')).body;
    expect(after.claims.ward).toBe('灘');
    expect(after.statusIndex).not.toBe(before.statusIndex);
    const stale = await presentCard({
      credential: before.credential,
      holderKey: hanako.holderKey,
      profileId: 'gym',
      now: new Date(),
    });
    expect(await verify(stale, 'gym')).toEqual({ ok: false, refusal: 'revoked' });
  });

  it('revokes a lost card through the status list, audited, and the verifier refuses it after refreshing', async () => {
    const { credential } = (await hanako.request('GET', '/api/plugins/citizen-card/credential')).body;
    const cached = await trust();
    const present = () => presentCard({ credential, holderKey: hanako.holderKey, profileId: 'gym', now: new Date() });
    const revoked = await registrar.request('POST', '/api/actions/citizen-card.revoke', {
      body: { principalId: hanako.id },
    });
    expect(revoked.status).toBe(200);
    expect((await verify(await present(), 'gym', cached)).ok).toBe(true);
    expect(await verify(await present(), 'gym')).toEqual({ ok: false, refusal: 'revoked' });
    expect((await hanako.request('GET', '/api/plugins/citizen-card/credential')).status).toBe(404);
    const audit = await host.request('GET', '/api/audit?limit=50', { as: 'admin' });
    expect(JSON.stringify(audit.body)).toContain('citizen-card.revoked');
  });
});
