import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../engine.ts';
import {
  startTestEngine,
  TEST_ADMIN_PASSWORD,
  type TestClient,
  type TestEngine,
  type TestResponse,
  testDatabaseKinds,
} from '../testing/index.ts';
import { expectProblem, LIBRARY_CARD } from './api-test-support.ts';

describe.each(testDatabaseKinds())('sign-in and sign-up hardening on %s', (kind) => {
  let host: TestEngine;
  let admin: TestClient;

  beforeAll(async () => {
    host = await startTestEngine(kind, [LIBRARY_CARD], { trustProxy: true });
    admin = await host.signIn('admin', TEST_ADMIN_PASSWORD);
    await admin.request('POST', '/api/admin/principals', {
      body: { kind: 'staff', username: 'clerk', password: 'clerk-password-1', roles: [] },
    });
  });
  afterAll(() => host.close());

  const from = (address: string) => ({ 'x-forwarded-for': `203.0.113.99, ${address}` });
  const login = (username: string, password: string, address = '198.51.100.1') =>
    host.client().request('POST', '/api/auth/login', { body: { username, password }, headers: from(address) });
  const signUp = (username: string, password: string, address = '198.51.100.1') =>
    host.client().request('POST', '/api/auth/signup', { body: { username, password }, headers: from(address) });
  const sql = () => host.engine.live().sql();
  const expectLockedOut = (response: TestResponse) => {
    expectProblem(response, 429, 'auth.tooManyAttempts');
    const retryAfter = Number(response.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter > 0).toBe(true);
    return retryAfter;
  };

  it('locks an account out after five failures, for an existing and an unknown name alike', async () => {
    for (const username of ['clerk', 'nobody-here']) {
      for (let attempt = 1; attempt <= 5; attempt++) {
        expectProblem(await login(username, 'wrong-password-1'), 401, 'auth.invalidCredentials');
      }
      const retryAfter = expectLockedOut(await login(username, 'wrong-password-1'));
      expect(retryAfter).toBeLessThanOrEqual(30);
    }
    // Locked means locked: the right password is not even tried, from any address.
    expectLockedOut(await login('clerk', 'clerk-password-1', '192.0.2.77'));
    const [latest] = (await admin.request('GET', '/api/audit?limit=1')).body.items;
    expect(latest).toMatchObject({ action: 'login.throttled', detail: { username: 'clerk' } });
  });

  it('doubles the lock for every failure after a lock ends, and forgets failures after a sign-in', async () => {
    await admin.request('POST', '/api/admin/principals', {
      body: { kind: 'staff', username: 'clerk2', password: 'clerk-password-2', roles: [] },
    });
    for (let attempt = 1; attempt <= 5; attempt++) await login('clerk2', 'wrong-password-1');
    expect(expectLockedOut(await login('clerk2', 'wrong-password-1'))).toBeLessThanOrEqual(30);
    await sql().run(`update kiban_auth_throttle set locked_until = now() where key = 'login-account:clerk2'`);
    const second = expectLockedOut(await login('clerk2', 'wrong-password-1'));
    expect(second).toBeGreaterThan(30);
    expect(second).toBeLessThanOrEqual(60);

    await sql().run(`update kiban_auth_throttle set locked_until = now() where key = 'login-account:clerk2'`);
    expect((await login('clerk2', 'clerk-password-2')).status).toBe(200);
    expect(await sql().query(`select * from kiban_auth_throttle where key = 'login-account:clerk2'`)).toEqual([]);
    expectProblem(await login('clerk2', 'wrong-password-1'), 401, 'auth.invalidCredentials');
  });

  it('locks an address out after fifty failures across accounts, and not another address', async () => {
    for (const username of ['sprayed-1', 'sprayed-2']) {
      expectProblem(await login(username, 'wrong-password-1', '192.0.2.50'), 401, 'auth.invalidCredentials');
    }
    const key = 'login-address:192.0.2.50';
    expect(await sql().query('select attempts from kiban_auth_throttle where key = ?', [key])).toEqual([
      { attempts: 2 },
    ]);
    // Forty-seven more failures, as a password-spraying run would leave them.
    await sql().run('update kiban_auth_throttle set attempts = 49 where key = ?', [key]);
    expectProblem(await login('sprayed-50', 'wrong-password-1', '192.0.2.50'), 401, 'auth.invalidCredentials');
    expectLockedOut(await login('sprayed-51', 'wrong-password-1', '192.0.2.50'));
    expectLockedOut(await login('admin', TEST_ADMIN_PASSWORD, '192.0.2.50'));
    expect((await login('admin', TEST_ADMIN_PASSWORD, '192.0.2.51')).status).toBe(200);
  });

  it('keeps the state in the database, so another engine process on it sees the same lock', async () => {
    for (let attempt = 1; attempt <= 6; attempt++) await login('shared-lock', 'wrong-password-1');
    let second: Engine | undefined;
    try {
      const database = { ...host.engine.database, close: async () => {} };
      second = await createEngine({ ...host.engine.config, seedMetadataDirs: [] }, { database });
      const response = await second.app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...from('192.0.2.9') },
        body: JSON.stringify({ username: 'shared-lock', password: 'wrong-password-1' }),
      });
      expect(response.status).toBe(429);
      expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await second?.close();
    }
  });

  it('answers sign-up with the same 202 for a free and a taken name, and never hands out a session', async () => {
    const fresh = await signUp('yamada', 'a-long-enough-passphrase', '192.0.2.60');
    const taken = await signUp('clerk2', 'a-long-enough-passphrase', '192.0.2.61');
    for (const response of [fresh, taken]) {
      expect(response.status).toBe(202);
      expect(response.headers.get('set-cookie')).toBeNull();
    }
    expect(taken.body).toEqual(fresh.body);
    expect((await login('yamada', 'a-long-enough-passphrase', '192.0.2.62')).status).toBe(200);
    expect((await login('clerk2', 'a-long-enough-passphrase', '192.0.2.62')).status).toBe(401);
  });

  it('refuses common and too short passwords at sign-up and when staff are created', async () => {
    expectProblem(await signUp('suzuki', 'password123', '192.0.2.63'), 400, 'access.passwordTooCommon');
    expectProblem(await signUp('suzuki.taro', 'Suzuki.Taro', '192.0.2.63'), 400, 'access.passwordTooCommon');
    const staff = await admin.request('POST', '/api/admin/principals', {
      body: { kind: 'staff', username: 'weak', password: 'qwertyuiop', roles: [] },
    });
    expectProblem(staff, 400, 'access.passwordTooCommon');
    expect(
      await sql().query(`select 1 from kiban_principal where username in ('suzuki', 'suzuki.taro', 'weak')`),
    ).toEqual([]);
  });

  it('forgets keys that have been quiet for a day, and keeps the others', async () => {
    await sql().run(
      `insert into kiban_auth_throttle (key, attempts, window_started_at, locked_until) values
         ('login-account:long-ago', 3, now() - interval '2 days', null),
         ('login-account:still-locked', 9, now() - interval '2 days', now() + interval '1 minute')`,
    );
    await login('someone-else', 'wrong-password-1', '192.0.2.99');
    const keys = await sql().query<{ key: string }>(
      `select key from kiban_auth_throttle where key in ('login-account:long-ago', 'login-account:still-locked')`,
    );
    expect(keys).toEqual([{ key: 'login-account:still-locked' }]);
  });

  it('throttles sign-ups per requested name and per address', async () => {
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect((await signUp('squatted', `a-long-passphrase-${attempt}`, `192.0.2.${70 + attempt}`)).status).toBe(202);
    }
    expectLockedOut(await signUp('squatted', 'a-long-passphrase-4', '192.0.2.80'));
    for (let attempt = 1; attempt <= 20; attempt++) {
      expect((await signUp(`bulk-${attempt}`, 'a-long-enough-passphrase', '192.0.2.90')).status).toBe(202);
    }
    expectLockedOut(await signUp('bulk-21', 'a-long-enough-passphrase', '192.0.2.90'));
  });
});
