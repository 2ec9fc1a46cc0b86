import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, TEST_ADMIN_PASSWORD, type TestEngine, testDatabaseKinds } from '../testing/index.ts';
import { expectProblem, LIBRARY_CARD } from './api-test-support.ts';

describe.each(testDatabaseKinds())('how sessions travel on %s', (kind) => {
  let host: TestEngine;
  let proxied: TestEngine;

  beforeAll(async () => {
    host = await startTestEngine(kind, [LIBRARY_CARD]);
    proxied = await startTestEngine(kind, [], { trustProxy: true });
  });
  afterAll(async () => {
    await host?.close();
    await proxied?.close();
  });

  const signIn = (on: TestEngine, url: string, headers: Record<string, string> = {}) =>
    on.engine.app.request(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ username: 'admin', password: TEST_ADMIN_PASSWORD }),
    });
  const cookieAttributes = (response: Response) =>
    (response.headers.get('set-cookie') ?? '').split(';').map((part) => part.trim());
  const tokenOf = (response: Response) => cookieAttributes(response)[0].replace(/^kiban_session=/, '');

  it('revokes a session presented as a bearer token on logout', async () => {
    const token = tokenOf(await signIn(host, '/api/auth/login'));
    const bearer = { authorization: `Bearer ${token}` };
    expect((await host.client().request('GET', '/api/auth/me', { headers: bearer })).status).toBe(200);
    expect((await host.client().request('POST', '/api/auth/logout', { headers: bearer })).status).toBe(204);
    expectProblem(await host.client().request('GET', '/api/auth/me', { headers: bearer }), 401, 'auth.required');
    expectProblem(await host.client(`kiban_session=${token}`).request('GET', '/api/auth/me'), 401, 'auth.required');
    const [latest] = (
      await (await host.signIn('admin', TEST_ADMIN_PASSWORD)).request('GET', '/api/audit?limit=2')
    ).body.items.filter((entry: { action: string }) => entry.action !== 'login');
    expect(latest).toMatchObject({ action: 'logout' });
  });

  it('makes the cookie Secure over HTTPS, and behind a proxy only when the proxy is trusted', async () => {
    expect(cookieAttributes(await signIn(host, '/api/auth/login'))).not.toContain('Secure');
    expect(cookieAttributes(await signIn(host, 'https://kiban.example/api/auth/login'))).toContain('Secure');
    const claimed = { 'x-forwarded-proto': 'https' };
    expect(cookieAttributes(await signIn(host, '/api/auth/login', claimed))).not.toContain('Secure');
    expect(cookieAttributes(await signIn(proxied, '/api/auth/login', claimed))).toContain('Secure');
    expect(cookieAttributes(await signIn(proxied, '/api/auth/login', { 'x-forwarded-proto': 'http' }))).not.toContain(
      'Secure',
    );
  });

  it('marks every API answer no-store, refusals included', async () => {
    const admin = await host.signIn('admin', TEST_ADMIN_PASSWORD);
    const answers = [
      await admin.request('GET', '/api/auth/me'),
      await admin.request('GET', '/api/data/Applicant'),
      await admin.request('GET', '/api/openapi.json'),
      await admin.request('GET', '/api/data/NoSuchEntity'),
      await host.client().request('GET', '/api/data/Applicant'),
      await host.client().request('POST', '/api/auth/login', { body: { username: 'x' } }),
    ];
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 404, 401, 422]);
    for (const answer of answers) expect(answer.headers.get('cache-control')).toBe('no-store');
  });
});
