import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../testing/index.ts';
import { type AccessTestDatabase, openAccessTestDatabase } from './access-test-database.ts';
import { createApiToken, listApiTokens, resolveApiToken, revokeApiToken } from './api-tokens.ts';
import { resolveBearer } from './authenticate.ts';
import type { Principal } from './principal-row.ts';
import { createPrincipal, setPrincipalDisabled } from './principals.ts';
import { createSession } from './sessions.ts';

describe.each(testDatabaseKinds())('API tokens on %s', (kind) => {
  let db: AccessTestDatabase;
  let robot: Principal;
  beforeAll(async () => {
    db = await openAccessTestDatabase(kind);
    robot = await createPrincipal(db.sql, { kind: 'system', username: 'nightly-import', roles: ['importer'] });
  });
  afterAll(async () => db?.close());

  it('issues a recognisable token that resolves to its principal and records its use', async () => {
    const { id, token } = await createApiToken(db.sql, robot.id, 'nightly import');
    expect(token).toMatch(/^kbn_[A-Za-z0-9_-]{43}$/);
    expect((await listApiTokens(db.sql, robot.id)).find((listed) => listed.id === id)?.lastUsedAt).toBeNull();
    expect(await resolveApiToken(db.sql, token)).toEqual(robot);
    const listed = (await listApiTokens(db.sql, robot.id)).find((entry) => entry.id === id);
    expect(listed).toEqual({
      id,
      name: 'nightly import',
      createdAt: expect.stringMatching(/Z$/),
      expiresAt: null,
      revokedAt: null,
      lastUsedAt: expect.stringMatching(/Z$/),
    });
  });

  it('never stores or lists the token itself', async () => {
    const { token } = await createApiToken(db.sql, robot.id, 'secret check');
    const rows = await db.sql.query<Record<string, unknown>>('select * from kiban_api_token');
    expect(JSON.stringify(rows)).not.toContain(token);
    expect(JSON.stringify(rows)).not.toContain(token.slice(4));
    expect(JSON.stringify(await listApiTokens(db.sql, robot.id))).not.toContain('digest');
  });

  it('honours expiry and revocation', async () => {
    const soon = await createApiToken(db.sql, robot.id, 'expiring', { expiresAt: new Date(Date.now() + 60_000) });
    expect(await resolveApiToken(db.sql, soon.token)).not.toBeNull();
    const past = await createApiToken(db.sql, robot.id, 'expired', { expiresAt: new Date(Date.now() - 1000) });
    expect(await resolveApiToken(db.sql, past.token)).toBeNull();
    expect(await revokeApiToken(db.sql, soon.id)).toBe(true);
    expect(await resolveApiToken(db.sql, soon.token)).toBeNull();
    expect(await revokeApiToken(db.sql, soon.id)).toBe(false);
    expect(await revokeApiToken(db.sql, 'not-an-id')).toBe(false);
  });

  it('stops working when its principal is disabled, and is not issued to one', async () => {
    const principal = await createPrincipal(db.sql, { kind: 'system', username: 'retired-bot', roles: [] });
    const { token } = await createApiToken(db.sql, principal.id, 'old');
    await setPrincipalDisabled(db.sql, principal.id, true);
    expect(await resolveApiToken(db.sql, token)).toBeNull();
    await expect(createApiToken(db.sql, principal.id, 'new')).rejects.toMatchObject({
      code: 'access.principalNotFound',
    });
  });

  it('refuses bad names and dates', async () => {
    await expect(createApiToken(db.sql, robot.id, '  ')).rejects.toMatchObject({ code: 'access.invalidTokenName' });
    await expect(createApiToken(db.sql, robot.id, 'x', { expiresAt: new Date('nope') })).rejects.toMatchObject({
      code: 'access.invalidExpiry',
    });
  });

  it('resolves bearer tokens of either kind, and nothing else', async () => {
    const { token: apiToken } = await createApiToken(db.sql, robot.id, 'bearer');
    const staff = await createPrincipal(db.sql, { kind: 'staff', username: 'bearer-staff', roles: [] });
    const sessionToken = await createSession(db.sql, staff.id, { ttlSeconds: 60 });
    expect(await resolveBearer(db.sql, apiToken)).toEqual(robot);
    expect(await resolveBearer(db.sql, sessionToken)).toEqual({
      ...staff,
      signIn: { method: 'password', assurance: 'low', at: expect.any(String) },
    });
    expect(await resolveApiToken(db.sql, sessionToken)).toBeNull();
    expect(await resolveBearer(db.sql, 'kbn_forged')).toBeNull();
    expect(await resolveBearer(db.sql, '')).toBeNull();
    expect(await resolveBearer(db.sql, 'x'.repeat(10_000))).toBeNull();
  });
});
