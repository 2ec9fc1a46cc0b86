import type { EntitySchema, MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../testing/index.ts';
import { applyMigration } from './apply-migration.ts';
import { type ApiRecord, toEntitySchemas } from './entity-schema.ts';
import { readLiveSchema } from './introspect.ts';
import { planMigration } from './plan-migration.ts';
import { inTransaction } from './sql.ts';
import { openTestDatabaseWithOrm, type TestDatabase } from './test-database.ts';
import { branch, libraryCard } from './test-entities.ts';

describe.each(testDatabaseKinds())('entity schemas on %s', (kind) => {
  let db: TestDatabase;
  let orm: MikroORM;
  // MikroORM 7 types entity names as classes or schemas only, so the schemas are the handles.
  let Branch: EntitySchema<ApiRecord>;
  let LibraryCard: EntitySchema<ApiRecord>;

  beforeAll(async () => {
    db = await openTestDatabaseWithOrm(kind);
    await inTransaction(db.orm.em, async (sql) => {
      const plan = await planMigration([branch, libraryCard], await readLiveSchema(sql), sql);
      await applyMigration(sql, plan, { confirmDestructive: false });
    });
    const schemas = toEntitySchemas([branch, libraryCard]);
    [Branch, LibraryCard] = schemas as [EntitySchema<ApiRecord>, EntitySchema<ApiRecord>];
    orm = await db.boot(schemas);
  });
  afterAll(() => db?.close());

  it('round-trips every field type with API-shaped values', async () => {
    const em = orm.em.fork();
    const home = em.create(Branch, { name: '中央図書館' });
    const card = em.create(LibraryCard, {
      holderName: '山田 太郎',
      notes: "複数行の\nメモ 'quoted' \\ backslash",
      loans: 3,
      deposit: '1234.5',
      active: false,
      birthDate: '1990-02-28',
      issuedAt: '2024-04-01T09:30:00.123+09:00',
      status: 'closed',
      email: 'taro@example.jp',
      phone: '090-1234-5678',
      postalCode: '1000001',
      holderKana: 'ヤマダ タロウ',
      preferences: { language: 'en', tags: ['a', 'b'], nested: { n: 1.5, ok: true } },
      branch: home.id,
    });
    await em.flush();
    const expected = {
      holderName: '山田 太郎',
      notes: "複数行の\nメモ 'quoted' \\ backslash",
      loans: 3,
      deposit: '1234.50',
      active: false,
      birthDate: '1990-02-28',
      issuedAt: '2024-04-01T00:30:00.123Z',
      status: 'closed',
      email: 'taro@example.jp',
      phone: '090-1234-5678',
      postalCode: '1000001',
      holderKana: 'ヤマダ タロウ',
      preferences: { language: 'en', tags: ['a', 'b'], nested: { n: 1.5, ok: true } },
      branch: home.id,
      version: 1,
    };
    expect(card).toMatchObject(expected);

    const read = await orm.em.fork().findOneOrFail(LibraryCard, { id: card.id });
    expect(read).toMatchObject(expected);
    expect(read.id).toBe(card.id);
    expect(read.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect(read.createdAt).toBe(card.createdAt);
    expect(read.owner).toBeNull();
    expect('history' in read).toBe(false);
  });

  it('fills database defaults into a new record and reads nulls back as null', async () => {
    const em = orm.em.fork();
    const card = em.create(LibraryCard, { holderName: '既定 値子' });
    await em.flush();
    expect(card).toMatchObject({ loans: 0, deposit: '0.00', active: true, status: 'open' });
    expect(card.preferences).toEqual({ language: 'ja' });
    const read = await orm.em.fork().findOneOrFail(LibraryCard, { id: card.id });
    expect(read).toMatchObject({ loans: 0, deposit: '0.00', active: true, status: 'open', birthDate: null });
    expect(read.issuedAt).toBeNull();
    expect(read.preferences).toEqual({ language: 'ja' });
  });

  it('bumps version and updatedAt on update and rejects a stale version', async () => {
    const em = orm.em.fork();
    const card = em.create(LibraryCard, { holderName: '更新 花子', issuedAt: new Date('2024-01-01T00:00:00Z') });
    await em.flush();
    expect(card.issuedAt).toBe('2024-01-01T00:00:00.000Z');
    const stale = await orm.em.fork().findOneOrFail(LibraryCard, { id: card.id });
    card.loans = 5;
    await em.flush();
    expect(card.version).toBe(2);
    const other = orm.em.fork();
    const copy = other.merge(LibraryCard, { ...stale });
    copy.loans = 9;
    await expect(other.flush()).rejects.toThrow(/optimistic|version/i);
  });

  it('refuses a reference to a record that does not exist', async () => {
    const em = orm.em.fork();
    em.create(LibraryCard, { holderName: '孤児', branch: '00000000-0000-4000-8000-000000000000' });
    await expect(em.flush()).rejects.toThrow(/foreign key/i);
  });
});
