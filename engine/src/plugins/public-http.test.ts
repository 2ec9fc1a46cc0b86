import { definePlugin, endSignedInSession } from '@kiban/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, TEST_ADMIN_PASSWORD, type TestEngine, testDatabaseKinds } from '../testing/index.ts';

const received: unknown[] = [];

const webhooks = definePlugin({
  name: 'webhooks',
  version: '1.0.0',
  publicRoutes: {
    rateLimit: { requests: 3, perSeconds: 60 },
    routes(app) {
      app.get('/.well-known/openid-configuration', (c) => c.json({ issuer: 'https://city.example.jp' }));
      app.post('/payment', async (c) => {
        received.push(await c.req.json());
        return c.body(null, 204);
      });
    },
  },
  routes(app) {
    app.get('/private', (c) => c.json({ actor: c.get('actor') }));
  },
});

/** An identity provider's sign-out: it ends the caller's Kiban session. */
const provider = definePlugin({
  name: 'provider',
  version: '1.0.0',
  publicRoutes: {
    rateLimit: { requests: 100, perSeconds: 60 },
    routes(app) {
      app.post('/sign-out', async (c) => c.json(await endSignedInSession(c)));
    },
  },
});

describe.each(testDatabaseKinds())('public plugin routes on %s', (kind) => {
  let host: TestEngine;
  beforeAll(async () => {
    received.length = 0;
    host = await startTestEngine(kind, [], {}, { plugins: [webhooks, provider], log: () => {} });
  });
  afterAll(() => host?.close());

  it('answers without a session, within the rate limit, then refuses with 429 and Retry-After', async () => {
    const anonymous = host.client();
    const discovery = await anonymous.request('GET', '/api/public/webhooks/.well-known/openid-configuration');
    expect(discovery.status).toBe(200);
    expect(discovery.body).toEqual({ issuer: 'https://city.example.jp' });
    const posted = await anonymous.request('POST', '/api/public/webhooks/payment', {
      body: { id: 'pay-1' },
      headers: { 'sec-fetch-site': 'cross-site' },
    });
    expect(posted.status).toBe(204);
    expect(received).toEqual([{ id: 'pay-1' }]);
    expect((await anonymous.request('GET', '/api/public/webhooks/.well-known/openid-configuration')).status).toBe(200);

    const limited = await anonymous.request('GET', '/api/public/webhooks/.well-known/openid-configuration');
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('request.rateLimited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('keeps every other plugin route behind sign-in', async () => {
    expect((await host.client().request('GET', '/api/plugins/webhooks/private')).status).toBe(401);
    expect((await host.client().request('GET', '/api/public/other/anything')).status).toBe(401);
  });

  it('ends the caller’s Kiban session for a plugin (endSignedInSession), audited, its cookie expired', async () => {
    const resident = await host.principal('resident', 'signing-out', []);
    const id = (await resident.request('GET', '/api/auth/me')).body.principal.id;
    const ended = await resident.request('POST', '/api/public/provider/sign-out', {
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(ended.status).toBe(200);
    expect(ended.body).toEqual({
      ended: true,
      expiredCookie: expect.stringMatching(/^kiban_session=; Max-Age=0; Path=\//),
    });
    expect(ended.headers.get('set-cookie')).toBe(ended.body.expiredCookie);
    expect((await resident.request('GET', '/api/auth/me')).status).toBe(401);
    // Again, or without any session: nothing to end.
    const again = await resident.request('POST', '/api/public/provider/sign-out', {
      headers: { 'sec-fetch-site': 'same-origin' },
    });
    expect(again.body.ended).toBe(false);
    expect((await host.client().request('POST', '/api/public/provider/sign-out')).body.ended).toBe(false);
    const admin = await host.signIn('admin', TEST_ADMIN_PASSWORD);
    const audit = await admin.request('GET', `/api/audit?principalId=${id}`);
    const logouts = (audit.body.items as { action: string }[]).filter((entry) => entry.action === 'logout');
    expect(logouts).toEqual([expect.objectContaining({ detail: { plugin: 'provider' } })]);
  });
});
