import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../testing/index.ts';
import { type AccessTestDatabase, openAccessTestDatabase } from './access-test-database.ts';
import type { Principal } from './principal-row.ts';
import { createPrincipal, setPrincipalDisabled } from './principals.ts';
import { createSession, resolveSession, revokePrincipalSessions, revokeSession } from './sessions.ts';
import { digestToken } from './tokens.ts';

describe.each(testDatabaseKinds())('sessions on %s', (kind) => {
  let db: AccessTestDatabase;
  let resident: Principal;
  beforeAll(async () => {
    db = await openAccessTestDatabase(kind);
    resident = await createPrincipal(db.sql, { kind: 'resident', username: 'hanako', roles: ['resident'] });
  });
  afterAll(async () => db?.close());

  it('issues an opaque token, stores only its digest and resolves it to the principal', async () => {
    const token = await createSession(db.sql, resident.id, { ttlSeconds: 3600 });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const stored = await db.sql.query<{ token_digest: string }>('select token_digest from kiban_session');
    expect(stored.map((row) => row.token_digest)).toContain(digestToken(token));
    expect(stored.some((row) => row.token_digest === token)).toBe(false);
    expect(await resolveSession(db.sql, token)).toEqual({
      ...resident,
      signIn: { method: 'password', assurance: 'low', at: expect.any(String) },
    });
  });

  it('resolves nothing for unknown tokens', async () => {
    expect(await resolveSession(db.sql, 'not-a-session')).toBeNull();
    expect(await resolveSession(db.sql, '')).toBeNull();
  });

  it('stops resolving an expired session', async () => {
    const token = await createSession(db.sql, resident.id, { ttlSeconds: 60 });
    await db.sql.run("update kiban_session set expires_at = now() - interval '1 second' where token_digest = ?", [
      digestToken(token),
    ]);
    expect(await resolveSession(db.sql, token)).toBeNull();
  });

  it('stops resolving a revoked session, and revokes only once', async () => {
    const token = await createSession(db.sql, resident.id, { ttlSeconds: 60 });
    expect(await revokeSession(db.sql, token)).toBe(true);
    expect(await resolveSession(db.sql, token)).toBeNull();
    expect(await revokeSession(db.sql, token)).toBe(false);
  });

  it('stops resolving sessions of a disabled principal, and refuses to start new ones', async () => {
    const principal = await createPrincipal(db.sql, { kind: 'staff', username: 'suspended', roles: [] });
    const token = await createSession(db.sql, principal.id, { ttlSeconds: 60 });
    await setPrincipalDisabled(db.sql, principal.id, true);
    expect(await resolveSession(db.sql, token)).toBeNull();
    await expect(createSession(db.sql, principal.id, { ttlSeconds: 60 })).rejects.toMatchObject({
      code: 'access.principalNotFound',
      status: 404,
    });
  });

  it('revokes every session of a principal', async () => {
    const principal = await createPrincipal(db.sql, { kind: 'staff', username: 'two-devices', roles: [] });
    const phone = await createSession(db.sql, principal.id, { ttlSeconds: 60 });
    const laptop = await createSession(db.sql, principal.id, { ttlSeconds: 60 });
    expect(await revokePrincipalSessions(db.sql, principal.id)).toBe(2);
    expect(await resolveSession(db.sql, phone)).toBeNull();
    expect(await resolveSession(db.sql, laptop)).toBeNull();
    expect(await resolveSession(db.sql, await createSession(db.sql, resident.id, { ttlSeconds: 60 }))).not.toBeNull();
  });

  it('refuses unknown principals and nonsense lifetimes', async () => {
    await expect(
      createSession(db.sql, '00000000-0000-4000-8000-000000000000', { ttlSeconds: 60 }),
    ).rejects.toMatchObject({ code: 'access.principalNotFound' });
    await expect(createSession(db.sql, 'nope', { ttlSeconds: 60 })).rejects.toMatchObject({
      code: 'access.principalNotFound',
    });
    for (const ttlSeconds of [0, -5, 1.5, Number.NaN]) {
      await expect(createSession(db.sql, resident.id, { ttlSeconds })).rejects.toMatchObject({
        code: 'access.invalidTtl',
      });
    }
  });
});
