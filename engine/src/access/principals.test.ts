import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../testing/index.ts';
import { type AccessTestDatabase, openAccessTestDatabase } from './access-test-database.ts';
import {
  authenticatePassword,
  createPrincipal,
  findPrincipalById,
  listPrincipals,
  normalizeUsername,
  setAttributes,
  setPassword,
  setPrincipalDisabled,
  setRoles,
} from './principals.ts';

const PASSWORD = 'a long enough password';

describe('normalizeUsername', () => {
  it('folds case and full-width letters and trims', () => {
    expect(normalizeUsername('  ＴａｎａｋａＨａｎａｋｏ ')).toBe('tanakahanako');
    expect(normalizeUsername('Suzuki@City.Example.JP')).toBe('suzuki@city.example.jp');
  });
});

describe.each(testDatabaseKinds())('principals on %s', (kind) => {
  let db: AccessTestDatabase;
  beforeAll(async () => {
    db = await openAccessTestDatabase(kind);
  });
  afterAll(async () => db?.close());

  it('creates a principal and finds it by id', async () => {
    const created = await createPrincipal(db.sql, {
      kind: 'staff',
      username: 'Sato',
      displayName: '佐藤 一郎',
      password: PASSWORD,
      roles: ['caseworker', 'caseworker', 'auditor'],
      department: '市民課',
      attributes: { ward: 'kita' },
    });
    expect(created).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      kind: 'staff',
      username: 'sato',
      displayName: '佐藤 一郎',
      roles: ['caseworker', 'auditor'],
      department: '市民課',
      attributes: { ward: 'kita' },
    });
    expect(await findPrincipalById(db.sql, created.id)).toEqual(created);
    const changed = await setAttributes(db.sql, created.id, { ward: 'minami', team: '2' });
    expect(changed?.attributes).toEqual({ ward: 'minami', team: '2' });
    expect((await findPrincipalById(db.sql, created.id))?.attributes).toEqual({ ward: 'minami', team: '2' });
    expect(await setAttributes(db.sql, '00000000-0000-4000-8000-000000000000', {})).toBeNull();
  });

  it('stores a hash, never the password', async () => {
    await createPrincipal(db.sql, { kind: 'staff', username: 'hash-check', password: PASSWORD, roles: [] });
    const [row] = await db.sql.query<{ password_hash: string }>(
      "select password_hash from kiban_principal where username = 'hash-check'",
    );
    expect(row?.password_hash).toMatch(/^\$argon2id\$/);
    expect(row?.password_hash).not.toContain(PASSWORD);
  });

  it('keeps usernames unique regardless of case and width', async () => {
    await createPrincipal(db.sql, { kind: 'resident', username: 'yamada', roles: [] });
    for (const username of ['YAMADA', 'ｙａｍａｄａ', ' Yamada ']) {
      await expect(createPrincipal(db.sql, { kind: 'staff', username, roles: [] })).rejects.toMatchObject({
        code: 'access.usernameTaken',
        status: 409,
      });
    }
  });

  it('refuses bad input with structured errors', async () => {
    await expect(createPrincipal(db.sql, { kind: 'staff', username: '   ', roles: [] })).rejects.toMatchObject({
      code: 'access.invalidUsername',
    });
    await expect(createPrincipal(db.sql, { kind: 'staff', username: 'two words', roles: [] })).rejects.toMatchObject({
      code: 'access.invalidUsername',
    });
    const robot = { kind: 'robot', username: 'r2d2', roles: [] } as unknown as Parameters<typeof createPrincipal>[1];
    await expect(createPrincipal(db.sql, robot)).rejects.toMatchObject({ code: 'access.invalidKind' });
    await expect(createPrincipal(db.sql, { kind: 'staff', username: 'empty-role', roles: [''] })).rejects.toMatchObject(
      { code: 'access.invalidRoles' },
    );
    await expect(
      createPrincipal(db.sql, { kind: 'staff', username: 'short-pass', password: 'short', roles: [] }),
    ).rejects.toMatchObject({ code: 'access.passwordTooShort' });
    expect(await findPrincipalById(db.sql, 'short-pass')).toBeNull();
  });

  it('authenticates with the right password, whatever the username case', async () => {
    const created = await createPrincipal(db.sql, { kind: 'staff', username: 'Kato', password: PASSWORD, roles: [] });
    expect(await authenticatePassword(db.sql, 'KATO', PASSWORD)).toEqual(created);
    expect(await authenticatePassword(db.sql, 'kato', `${PASSWORD}!`)).toBeNull();
  });

  it('refuses unknown users, users without a password and disabled users', async () => {
    expect(await authenticatePassword(db.sql, 'nobody', PASSWORD)).toBeNull();
    await createPrincipal(db.sql, { kind: 'resident', username: 'idp-only', roles: [] });
    expect(await authenticatePassword(db.sql, 'idp-only', PASSWORD)).toBeNull();
    const disabled = await createPrincipal(db.sql, {
      kind: 'staff',
      username: 'leaver',
      password: PASSWORD,
      roles: [],
    });
    expect(await setPrincipalDisabled(db.sql, disabled.id, true)).toBe(true);
    expect(await authenticatePassword(db.sql, 'leaver', PASSWORD)).toBeNull();
    await setPrincipalDisabled(db.sql, disabled.id, false);
    expect(await authenticatePassword(db.sql, 'leaver', PASSWORD)).not.toBeNull();
  });

  it('changes a password', async () => {
    const principal = await createPrincipal(db.sql, {
      kind: 'staff',
      username: 'changer',
      password: PASSWORD,
      roles: [],
    });
    expect(await setPassword(db.sql, principal.id, 'a brand new passphrase')).toBe(true);
    expect(await authenticatePassword(db.sql, 'changer', PASSWORD)).toBeNull();
    expect(await authenticatePassword(db.sql, 'changer', 'a brand new passphrase')).not.toBeNull();
    await expect(setPassword(db.sql, principal.id, 'short')).rejects.toMatchObject({
      code: 'access.passwordTooShort',
    });
    expect(await setPassword(db.sql, '00000000-0000-4000-8000-000000000000', 'a brand new passphrase')).toBe(false);
  });

  it('replaces roles', async () => {
    const principal = await createPrincipal(db.sql, { kind: 'staff', username: 'promoted', roles: ['clerk'] });
    expect(await setRoles(db.sql, principal.id, ['manager', 'clerk', 'manager'])).toMatchObject({
      roles: ['manager', 'clerk'],
    });
    expect(await setRoles(db.sql, principal.id, [])).toMatchObject({ roles: [] });
    expect(await setRoles(db.sql, '00000000-0000-4000-8000-000000000000', ['x'])).toBeNull();
    expect(await setRoles(db.sql, 'not-a-uuid', ['x'])).toBeNull();
  });

  it('answers null for ids that do not exist or are not ids at all', async () => {
    expect(await findPrincipalById(db.sql, '00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await findPrincipalById(db.sql, "'; drop table kiban_principal; --")).toBeNull();
  });

  it('lists principals by username, with their state, filtered by kind and paged', async () => {
    const all = await listPrincipals(db.sql);
    expect(all.map((principal) => principal.username)).toEqual([...all.map((p) => p.username)].sort());
    expect(all[0]).toMatchObject({ disabled: false, createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT.*Z$/) });
    const residents = await listPrincipals(db.sql, { kind: 'resident' });
    expect(residents.length).toBeGreaterThan(0);
    expect(residents.every((principal) => principal.kind === 'resident')).toBe(true);
    const [second] = await listPrincipals(db.sql, { limit: 1, offset: 1 });
    expect(second?.username).toBe(all[1]?.username);
    expect(await listPrincipals(db.sql, { limit: Number.NaN })).toHaveLength(all.length);
  });
});
