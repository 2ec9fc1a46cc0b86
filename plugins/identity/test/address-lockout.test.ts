import { createTestHost, type TestHost } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxUpstream } from '../sandbox/upstream-server.ts';
import identity from '../src/index.ts';
import { ADDRESS_FREE_FAILURES } from '../src/methods/guard.ts';
import { Browser } from './browser.ts';
import { databaseKinds, SECRET } from './support.ts';

const PERSON = 'line-u900';

/**
 * The per-address lockout over upstream sign-ins, and where the address comes from: the socket,
 * or X-Forwarded-For only behind a proxy the engine is told to trust.
 */
describe.each(databaseKinds())('the client-address lockout on %s', (kind) => {
  let upstream: { issuer: string; close(): Promise<void> };
  const hosts: TestHost[] = [];

  /** A host with the identity plugin and the sandbox as its `line` upstream; answers its origin. */
  async function providerHost(trustProxy: boolean): Promise<{ host: TestHost; origin: string }> {
    const host = await createTestHost({ plugins: [identity], kind, trustProxy });
    hosts.push(host);
    const { origin } = await host.listen();
    return { host, origin };
  }

  let trusting: { host: TestHost; origin: string };
  let direct: { host: TestHost; origin: string };

  beforeAll(async () => {
    trusting = await providerHost(true);
    direct = await providerHost(false);
    upstream = await startSandboxUpstream({
      clients: [trusting, direct].map(({ origin }, index) => ({
        client_id: `kiban-${index}`,
        client_secret: `secret-${index}`,
        redirect_uris: [`${origin}/api/public/identity/upstream/line/callback`],
      })),
      people: [{ sub: PERSON, claims: { name: 'hanako' } }],
    });
    for (const [index, { host, origin }] of [trusting, direct].entries()) {
      const set = await host.setSettings('identity', {
        publicOrigin: origin,
        secret: SECRET,
        upstreams: [
          {
            id: 'line',
            label: { ja: 'LINE' },
            issuer: upstream.issuer,
            clientId: `kiban-${index}`,
            scopes: ['openid', 'profile'],
            assurance: 'low',
            principalKind: 'resident',
          },
        ],
        upstreamSecrets: { line: `secret-${index}` },
      });
      expect(set.status).toBeLessThan(300);
    }
  }, 300_000);
  afterAll(async () => {
    await upstream?.close();
    for (const host of hosts) await host.close();
  });

  const from = (address: string) => ({ 'x-forwarded-for': `198.51.100.1, ${address}` });

  /** A callback with a state the provider never issued: refused, and counted against the address. */
  async function forgedCallback(origin: string, headers: Record<string, string>) {
    const response = await fetch(`${origin}/api/public/identity/upstream/line/callback?code=x&state=forged`, {
      headers,
      redirect: 'manual',
    });
    return { status: response.status, code: ((await response.json()) as { code: string }).code };
  }

  const start = (origin: string, headers: Record<string, string>) =>
    fetch(`${origin}/api/public/identity/upstream/line/start`, { headers, redirect: 'manual' });

  it('locks an address after its free failures at upstream callbacks, for every method, and no other address', {
    timeout: 300_000,
  }, async () => {
    const { origin } = trusting;
    const attacker = from('203.0.113.7');
    for (let attempt = 0; attempt < ADDRESS_FREE_FAILURES; attempt += 1) {
      expect(await forgedCallback(origin, attacker)).toEqual({ status: 400, code: 'identity.upstreamStateUnknown' });
    }
    // The failure after the free ones locks; from then on nothing is checked for that address.
    expect((await forgedCallback(origin, attacker)).status).toBe(400);
    expect(await forgedCallback(origin, attacker)).toEqual({ status: 429, code: 'identity.signInLocked' });
    const refusedStart = await start(origin, attacker);
    expect(refusedStart.status).toBe(429);
    expect(refusedStart.headers.get('location')).toBeNull();
    // The same bucket as password sign-in: the address is locked there too, before any password is checked.
    const password = await fetch(`${origin}/api/public/identity/password/sign-in`, {
      method: 'POST',
      headers: { ...attacker, 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'someone', password: 'anything at all' }),
    });
    expect(password.status).toBe(429);

    // Another client behind the same proxy signs in through the upstream as ever.
    const neighbour = from('203.0.113.8');
    const browser = new Browser(undefined, (url) => url.origin === origin && url.pathname.endsWith('/callback'));
    const page = await browser.open(`${origin}/api/public/identity/upstream/line/start`, { headers: neighbour });
    const signInPage = new URL(String(page.response?.url));
    signInPage.searchParams.set('person', PERSON);
    const callback = (await browser.open(signInPage)).callback as URL;
    const done = await fetch(callback, { headers: neighbour, redirect: 'manual' });
    expect(done.status).toBe(303);
    expect(done.headers.get('set-cookie')).toContain('kiban_session');
  });

  it('never takes X-Forwarded-For from a client when no proxy is trusted', { timeout: 300_000 }, async () => {
    const { origin } = direct;
    // Each failure claims another address; all of them are the socket's, so they lock it.
    for (let attempt = 0; attempt <= ADDRESS_FREE_FAILURES; attempt += 1) {
      expect((await forgedCallback(origin, from(`203.0.113.${attempt + 1}`))).status).toBe(400);
    }
    expect(await forgedCallback(origin, from('192.0.2.200'))).toEqual({ status: 429, code: 'identity.signInLocked' });
    expect((await start(origin, from('192.0.2.201'))).status).toBe(429);
  });
});
