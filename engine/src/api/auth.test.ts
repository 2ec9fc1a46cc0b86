import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestEngine,
  TEST_ADMIN_PASSWORD,
  type TestClient,
  type TestEngine,
  testDatabaseKinds,
} from '../testing/index.ts';
import { expectProblem, LIBRARY_CARD, withoutChanges } from './api-test-support.ts';

describe.each(testDatabaseKinds())('sign-in, sessions and API tokens on %s', (kind) => {
  let host: TestEngine;
  let admin: TestClient;
  let librarian: TestClient;

  beforeAll(async () => {
    host = await startTestEngine(kind, [LIBRARY_CARD]);
    admin = await host.signIn('admin', TEST_ADMIN_PASSWORD);
    librarian = await host.principal('staff', 'librarian1', ['librarian']);
    await admin.request('POST', '/api/admin/principals', {
      body: { kind: 'staff', username: 'clerk', displayName: '窓口 一郎', password: 'clerk-password-1', roles: [] },
    });
  });
  afterAll(() => host.close());

  const login = (username: string, password: string) =>
    host.client().request('POST', '/api/auth/login', { body: { username, password } });
  const cookieOf = (response: { headers: Headers }) => (response.headers.get('set-cookie') ?? '').split(';')[0];
  const audit = async () => (await admin.request('GET', '/api/audit?limit=1000')).body.items;

  it('signs in with an HttpOnly SameSite=Lax session cookie and never puts the token in the body', async () => {
    const response = await login('clerk', 'clerk-password-1');
    expect(response.status).toBe(200);
    const setCookie = response.headers.get('set-cookie') ?? '';
    const attributes = setCookie.split(';').map((part) => part.trim());
    const token = attributes[0].replace(/^kiban_session=/, '');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(attributes).toEqual(expect.arrayContaining(['HttpOnly', 'SameSite=Lax', 'Path=/', 'Max-Age=28800']));
    expect(attributes).not.toContain('Secure');
    expect(response.body).toEqual({
      principal: {
        id: expect.any(String),
        kind: 'staff',
        username: 'clerk',
        displayName: '窓口 一郎',
        roles: [],
        department: null,
        attributes: {},
      },
      expiresAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/),
    });
    expect(JSON.stringify(response.body)).not.toContain(token);
    expect(JSON.stringify(response.body)).not.toMatch(/password|hash/i);
    const entries = await audit();
    expect(entries[0]).toMatchObject({ action: 'login', principalId: response.body.principal.id });
  });

  it('refuses a wrong password or an unknown user with the same 401 and audits login.failed without the password', async () => {
    const wrong = await login('clerk', 'not-the-password');
    expectProblem(wrong, 401, 'auth.invalidCredentials');
    expect(wrong.headers.get('set-cookie')).toBeNull();
    const unknown = await login('nobody', 'not-the-password');
    expectProblem(unknown, 401, 'auth.invalidCredentials');
    expect(unknown.body.detail).toBe(wrong.body.detail);

    const [latest, previous] = await audit();
    expect(latest).toMatchObject({
      action: 'login.failed',
      principalId: null,
      principalKind: 'anonymous',
      detail: { username: 'nobody' },
    });
    expect(previous).toMatchObject({ action: 'login.failed', detail: { username: 'clerk' } });
    expect(JSON.stringify([latest, previous])).not.toContain('not-the-password');
  });

  it('answers a malformed sign-in body with 422 and a pointer instead of trying it', async () => {
    const response = await withoutChanges(host, () =>
      host.client().request('POST', '/api/auth/login', { body: { username: 'clerk', pass: 'x' } }),
    );
    expectProblem(response, 422, 'request.invalid', [
      { pointer: '/password', code: 'schema.required' },
      { pointer: '/pass', code: 'schema.additionalProperties' },
    ]);
  });

  it('tells who is signed in at /api/auth/me, and 401 to nobody', async () => {
    const me = await librarian.request('GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect(me.body).toEqual({
      principal: {
        id: expect.any(String),
        kind: 'staff',
        username: 'librarian1',
        displayName: null,
        roles: ['librarian'],
        department: null,
        attributes: {},
        signIn: { method: 'password', assurance: 'low', at: expect.any(String) },
      },
    });
    expectProblem(await host.client().request('GET', '/api/auth/me'), 401, 'auth.required');
  });

  it('revokes the session on logout, so the old cookie gets 401 afterwards', async () => {
    const cookie = cookieOf(await login('clerk', 'clerk-password-1'));
    const session = host.client(cookie);
    expect((await session.request('GET', '/api/auth/me')).status).toBe(200);
    const token = cookie.replace(/^kiban_session=/, '');
    const bearer = { authorization: `Bearer ${token}` };
    expect((await host.client().request('GET', '/api/auth/me', { headers: bearer })).status).toBe(200);

    const logout = await session.request('POST', '/api/auth/logout');
    expect(logout.status).toBe(204);
    expect(logout.headers.get('set-cookie')).toMatch(/^kiban_session=; Max-Age=0; Path=\//);
    expectProblem(await session.request('GET', '/api/auth/me'), 401, 'auth.required');
    expectProblem(await session.request('GET', '/api/data/Branch'), 401, 'auth.required');
    expectProblem(await host.client().request('GET', '/api/auth/me', { headers: bearer }), 401, 'auth.required');
  });

  it('issues an API token that works as a bearer until it is revoked', async () => {
    const robot = await admin.request('POST', '/api/admin/principals', {
      body: { kind: 'staff', username: 'nightly-export', roles: ['librarian'] },
    });
    expect(robot.status).toBe(201);
    const path = `/api/admin/principals/${robot.body.id}/tokens`;
    const created = await admin.request('POST', path, { body: { name: 'export job' } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ id: expect.any(String), token: expect.stringMatching(/^kbn_[A-Za-z0-9_-]{43}$/) });
    const bearer = host.client();
    const headers = { authorization: `Bearer ${created.body.token}` };

    const me = await bearer.request('GET', '/api/auth/me', { headers });
    expect(me.body.principal).toMatchObject({ id: robot.body.id, username: 'nightly-export' });
    expect((await bearer.request('GET', '/api/data/Branch', { headers })).status).toBe(200);
    const listing = await admin.request('GET', path);
    expect(listing.body.items).toEqual([
      expect.objectContaining({
        id: created.body.id,
        name: 'export job',
        revokedAt: null,
        lastUsedAt: expect.any(String),
      }),
    ]);
    expect(JSON.stringify(listing.body)).not.toContain(created.body.token);

    expect((await admin.request('DELETE', `${path}/${created.body.id}`)).status).toBe(204);
    expectProblem(await bearer.request('GET', '/api/data/Branch', { headers }), 401, 'auth.required');
    expectProblem(await bearer.request('GET', '/api/auth/me', { headers }), 401, 'auth.required');
    expectProblem(await admin.request('DELETE', `${path}/${created.body.id}`), 404, 'token.notFound');
    const [entry] = await audit();
    expect(entry).toMatchObject({
      action: 'token.revoke',
      detail: { principalId: robot.body.id, tokenId: created.body.id },
    });
  });

  it('revokes a token only under the principal it belongs to', async () => {
    const first = await admin.request('POST', '/api/admin/principals', {
      body: { kind: 'staff', username: 'job-one', roles: ['librarian'] },
    });
    const second = await admin.request('POST', '/api/admin/principals', {
      body: { kind: 'staff', username: 'job-two', roles: ['librarian'] },
    });
    const token = await admin.request('POST', `/api/admin/principals/${first.body.id}/tokens`, { body: { name: 'a' } });
    const wrongOwner = await withoutChanges(host, () =>
      admin.request('DELETE', `/api/admin/principals/${second.body.id}/tokens/${token.body.id}`),
    );
    expectProblem(wrongOwner, 404, 'token.notFound');
    const headers = { authorization: `Bearer ${token.body.token}` };
    expect((await host.client().request('GET', '/api/auth/me', { headers })).status).toBe(200);
  });

  it.each([
    ['an unknown role', 'staff', ['librarian', 'curator'], '/roles/1'],
    ['a resident role for staff', 'staff', ['resident'], '/roles/0'],
    ['a staff role for a resident', 'resident', ['librarian'], '/roles/0'],
    ['the administrator role for a resident', 'resident', ['kiban:admin'], '/roles/0'],
  ])('refuses to create a principal with %s with 422 role.unknown', async (_label, principalKind, roles, pointer) => {
    const response = await withoutChanges(host, () =>
      admin.request('POST', '/api/admin/principals', {
        body: { kind: principalKind, username: 'newcomer', password: 'newcomer-password-1', roles },
      }),
    );
    expectProblem(response, 422, 'request.invalid', [{ pointer, code: 'role.unknown' }]);
  });

  it('lets only holders of principals.manage create principals or tokens', async () => {
    const resident = await host.principal('resident', 'hanako', ['resident']);
    const adminId = (await admin.request('GET', '/api/auth/me')).body.principal.id;
    for (const client of [librarian, resident]) {
      const create = await withoutChanges(host, () =>
        client.request('POST', '/api/admin/principals', {
          body: { kind: 'staff', username: 'mallory', password: 'mallory-password-1', roles: ['kiban:admin'] },
        }),
      );
      expectProblem(create, 403, 'access.denied');
      const token = await withoutChanges(host, () =>
        client.request('POST', `/api/admin/principals/${adminId}/tokens`, { body: { name: 'stolen' } }),
      );
      expectProblem(token, 403, 'access.denied');
      expectProblem(await client.request('GET', '/api/admin/principals'), 403, 'access.denied');
    }
  });
});
