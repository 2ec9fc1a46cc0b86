import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../testing/index.ts';
import { type AccessTestDatabase, openAccessTestDatabase } from './access-test-database.ts';
import type { Principal } from './principal-row.ts';
import { createPrincipal } from './principals.ts';
import { createSession, resolveSession } from './sessions.ts';
import { createSignInSession, meetsAssurance } from './sign-in.ts';

describe('assurance levels', () => {
  it('orders low < substantial < jpki, and no sign-in meets any', () => {
    expect(meetsAssurance('jpki', 'jpki')).toBe(true);
    expect(meetsAssurance('jpki', 'low')).toBe(true);
    expect(meetsAssurance('substantial', 'jpki')).toBe(false);
    expect(meetsAssurance('low', 'substantial')).toBe(false);
    expect(meetsAssurance(undefined, 'low')).toBe(false);
  });
});

describe.each(testDatabaseKinds())('sessions with a sign-in method on %s', (kind) => {
  let db: AccessTestDatabase;
  let resident: Principal;
  beforeAll(async () => {
    db = await openAccessTestDatabase(kind);
    resident = await createPrincipal(db.sql, { kind: 'resident', username: 'ichiro', roles: [] });
  });
  afterAll(async () => db?.close());

  it('records the method and assurance a session was opened with; a plain session is a password one', async () => {
    const jpki = await createSignInSession(
      db.sql,
      resident.id,
      { method: 'digital-auth-app', assurance: 'jpki' },
      { ttlSeconds: 60 },
    );
    const signedIn = (await resolveSession(db.sql, jpki))?.signIn;
    expect(signedIn).toEqual({ method: 'digital-auth-app', assurance: 'jpki', at: expect.any(String) });
    // The sign-in time is the session's opening, in UTC, within the test's own run.
    expect(Math.abs(Date.parse(signedIn?.at ?? '') - Date.now())).toBeLessThan(60_000);
    expect(signedIn?.at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    const plain = await createSession(db.sql, resident.id, { ttlSeconds: 60 });
    expect((await resolveSession(db.sql, plain))?.signIn).toMatchObject({ method: 'password', assurance: 'low' });
  });

  it('refuses an unknown assurance level or a malformed method and opens nothing', async () => {
    const count = async () => (await db.sql.query('select count(*)::int as n from kiban_session'))[0];
    const before = await count();
    await expect(
      createSignInSession(db.sql, resident.id, { method: 'x', assurance: 'high' as never }, { ttlSeconds: 60 }),
    ).rejects.toMatchObject({ code: 'access.invalidSignIn' });
    await expect(
      createSignInSession(db.sql, resident.id, { method: 'Bad Method', assurance: 'low' }, { ttlSeconds: 60 }),
    ).rejects.toMatchObject({ code: 'access.invalidSignIn' });
    expect(await count()).toEqual(before);
  });
});
