import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestClient, type TestEngine, testDatabaseKinds } from '../testing/index.ts';
import { expectProblem, LIBRARY_CARD, withoutChanges } from './api-test-support.ts';

const BRANCH = { name: '北分館', code: 'KTA', ward: '北区' };

describe.each(testDatabaseKinds())('cross-site request refusal on %s', (kind) => {
  let host: TestEngine;
  let librarian: TestClient;

  beforeAll(async () => {
    host = await startTestEngine(kind, [LIBRARY_CARD]);
    librarian = await host.principal('staff', 'librarian1', ['librarian']);
  });
  afterAll(() => host.close());

  it('refuses a cross-site form post that carries the session cookie, changing nothing', async () => {
    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    for (const headers of [
      { ...form, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      { ...form, 'sec-fetch-site': 'same-site' },
      { ...form, origin: 'https://evil.example' },
    ]) {
      const response = await withoutChanges(host, () =>
        librarian.request('POST', '/api/data/Branch', { rawBody: 'name=x&code=EVL', headers }),
      );
      expectProblem(response, 403, 'request.crossSite');
    }
    const deleted = await withoutChanges(host, () =>
      librarian.request('POST', '/api/auth/logout', { headers: { 'sec-fetch-site': 'cross-site' } }),
    );
    expect(deleted.status).toBe(403);
  });

  it('lets the same origin, clients that are not browsers, and reads through', async () => {
    const sameOrigin = await librarian.request('POST', '/api/data/Branch', {
      body: BRANCH,
      headers: { 'sec-fetch-site': 'same-origin', origin: 'https://behind.a.proxy' },
    });
    expect(sameOrigin.status).toBe(201);
    const plain = await librarian.request('POST', '/api/data/Branch', { body: { ...BRANCH, code: 'KTB' } });
    expect(plain.status).toBe(201);
    const read = await librarian.request('GET', '/api/data/Branch', { headers: { 'sec-fetch-site': 'cross-site' } });
    expect(read.status).toBe(200);
  });
});
