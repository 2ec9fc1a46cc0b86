import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EntityMetadata, FieldDefinition } from '../metadata/types.ts';
import { testDatabaseKinds } from '../testing/index.ts';
import type { MigrationStep } from './migration-plan.ts';
import { openTestDatabaseWithOrm, type TestDatabase } from './test-database.ts';
import { branch, entity, field, libraryCard } from './test-entities.ts';

const person = (...fields: FieldDefinition[]) =>
  entity('Person', [field('name', 'string', { maxLength: 20 }), ...fields]);

/** The steps without their SQL and reasons, for compact expectations. */
const summary = (steps: MigrationStep[]) =>
  steps.map(({ action, column, safety, affectedRows, blocked }) => ({
    action,
    column,
    safety,
    affectedRows,
    blocked: blocked !== undefined,
  }));

describe.each(testDatabaseKinds())('migration planner on %s', (kind) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabaseWithOrm(kind);
  });
  beforeEach(() => db.reset());
  afterAll(() => db?.close());

  const insertPeople = async (...names: (string | null)[]) => {
    for (const name of names) {
      await db.sql.run('insert into app_person (id, name) values (gen_random_uuid(), ?)', [name]);
    }
  };
  const plan = async (...entities: EntityMetadata[]) => (await db.plan(entities)).steps;

  it('creates tables first, then foreign keys and indexes, all safe', async () => {
    const result = await db.plan([libraryCard, branch]);
    expect(result.destructive).toBe(false);
    expect(result.blocked).toBe(false);
    expect(result.steps.map((s) => s.action)).toEqual([
      'createTable',
      'createTable',
      'addForeignKey',
      'createIndex',
      'createIndex',
      'createIndex',
      'createIndex',
      'createIndex',
    ]);
    expect(result.steps.filter((s) => s.column === 'owner_id').map((s) => s.sql)).toEqual([
      ['create index "app_library_card_owner_id_idx" on "app_library_card" ("owner_id")'],
      ['create index "app_branch_owner_id_idx" on "app_branch" ("owner_id")'],
    ]);
    expect(result.steps[0]?.sql[0]).toMatch(
      /^create table "app_library_card" \("id" uuid not null, "version" integer default 1 not null, "owner_id" uuid, "created_at" timestamptz\(3\) default now\(\) not null, "updated_at" timestamptz\(3\) default now\(\) not null, "holder_name" varchar\(80\) not null, /,
    );
    expect(result.steps[0]?.sql[0]).toContain(`"preferences" jsonb default '{"language":"ja"}'::jsonb`);
    expect(result.steps[0]?.sql[0]).toContain(`constraint "app_library_card_pkey" primary key ("id")`);
    expect(result.steps[0]?.reason).toEqual({
      ja: 'エンティティ「LibraryCard」のテーブルを作成します。',
      en: 'Create the table of entity LibraryCard.',
    });
  });

  it('adds optional columns and required ones with a default safely, on a table with rows', async () => {
    await db.migrate([person()]);
    await insertPeople('a', 'b');
    const steps = await plan(
      person(field('nickname', 'string'), field('score', 'integer', { required: true, default: 0 })),
    );
    expect(summary(steps)).toEqual([
      { action: 'addColumn', column: 'nickname', safety: 'safe', affectedRows: undefined, blocked: false },
      { action: 'addColumn', column: 'score', safety: 'safe', affectedRows: undefined, blocked: false },
    ]);
    expect(steps[1]?.sql).toEqual(['alter table "app_person" add column "score" integer default 0 not null']);
  });

  it('blocks a required column without a default on a table with rows, but not on an empty one', async () => {
    await db.migrate([person()]);
    const required = person(field('score', 'integer', { required: true }));
    expect(summary(await plan(required))).toEqual([
      { action: 'addColumn', column: 'score', safety: 'safe', affectedRows: undefined, blocked: false },
    ]);
    await insertPeople('a', 'b', 'c');
    const [step] = await plan(required);
    expect(step).toMatchObject({ action: 'addColumn', safety: 'destructive', affectedRows: 3 });
    expect(step?.blocked?.en).toBe(
      'Required field score has no default, so the 3 existing records would have no value. Give it a default or make it optional.',
    );
  });

  it('widens types safely', async () => {
    await db.migrate([person(field('count', 'integer'), field('amount', 'decimal', { precision: 8, scale: 2 }))]);
    await insertPeople('a');
    const steps = await plan(
      entity('Person', [
        field('name', 'text'),
        field('count', 'decimal', { precision: 14, scale: 2 }),
        field('amount', 'decimal', { precision: 12, scale: 3 }),
      ]),
    );
    expect(summary(steps).map((s) => [s.action, s.column, s.safety])).toEqual([
      ['alterColumnType', 'name', 'safe'],
      ['alterColumnType', 'count', 'safe'],
      ['alterColumnType', 'amount', 'safe'],
    ]);
    expect(steps[0]?.sql).toEqual(['alter table "app_person" alter column "name" type text']);
  });

  it('counts the values a narrowing change would shorten', async () => {
    await db.migrate([person()]);
    await insertPeople('short', 'a much longer name', 'another long one', null);
    const [step] = await plan(entity('Person', [field('name', 'string', { maxLength: 8 })]));
    expect(step).toMatchObject({ action: 'alterColumnType', safety: 'destructive', affectedRows: 2 });
    expect(step?.blocked).toBeUndefined();
    expect(step?.sql).toEqual([
      'alter table "app_person" alter column "name" type varchar(8) using "name"::varchar(8)',
    ]);
  });

  it('blocks a conversion of values that cannot convert, with their count', async () => {
    await db.migrate([person()]);
    await insertPeople('12', ' 7 ', 'twelve', "' OR 1=1 --");
    const [step] = await plan(entity('Person', [field('name', 'integer')]));
    expect(step).toMatchObject({ action: 'alterColumnType', safety: 'destructive', affectedRows: 2 });
    expect(step?.blocked?.en).toBe('2 values cannot be converted to integer; correct them first.');
  });

  it('makes a field optional safely and required depending on empty values', async () => {
    await db.migrate([person(field('city', 'string', { required: true, default: '札幌' }))]);
    await insertPeople('a');
    expect(summary(await plan(person(field('city', 'string', { default: '札幌' }))))).toEqual([
      { action: 'dropNotNull', column: 'city', safety: 'safe', affectedRows: undefined, blocked: false },
    ]);

    expect(summary(await plan(entity('Person', [field('name', 'string', { maxLength: 20, required: true })])))).toEqual(
      expect.arrayContaining([
        { action: 'setNotNull', column: 'name', safety: 'safe', affectedRows: undefined, blocked: false },
      ]),
    );
    await insertPeople(null, null);
    const required = (extra: Partial<FieldDefinition>) =>
      entity('Person', [
        field('name', 'string', { maxLength: 20, required: true, ...extra }),
        field('city', 'string', { required: true, default: '札幌' }),
      ]);
    const [blocked] = await plan(required({}));
    expect(blocked).toMatchObject({ action: 'setNotNull', safety: 'destructive', affectedRows: 2 });
    expect(blocked?.blocked?.ja).toContain('2 件のレコード');
    const filled = (await plan(required({ default: '名無し' }))).find((s) => s.action === 'setNotNull');
    expect(filled).toMatchObject({ safety: 'destructive', affectedRows: 2 });
    expect(filled?.blocked).toBeUndefined();
    expect(filled?.sql).toEqual([
      `update "app_person" set "name" = '名無し' where "name" is null`,
      'alter table "app_person" alter column "name" set not null',
    ]);
  });

  it('changes defaults safely and ignores spelling differences of the same default', async () => {
    const withDefaults = (city: string, extra: Partial<FieldDefinition> = {}) =>
      person(
        field('city', 'string', { default: city }),
        field('rate', 'decimal', { default: 1.5, ...extra }),
        field('tags', 'json', { default: { b: [1, 2], a: 'x' } }),
        field('since', 'datetime', { default: '2024-04-01T09:00:00+09:00' }),
      );
    await db.migrate([withDefaults("O'Hare")]);
    expect(await plan(withDefaults("O'Hare", { default: '1.50' }))).toEqual([]);
    const steps = await plan(
      person(
        field('city', 'string', { default: '大阪' }),
        field('rate', 'decimal'),
        field('tags', 'json', { default: { a: 'x', b: [1, 2] } }),
        field('since', 'datetime', { default: '2024-04-01T00:00:00Z' }),
      ),
    );
    expect(steps.map((s) => [s.action, s.column, s.safety, s.sql])).toEqual([
      ['setDefault', 'city', 'safe', [`alter table "app_person" alter column "city" set default '大阪'`]],
      ['dropDefault', 'rate', 'safe', ['alter table "app_person" alter column "rate" drop default']],
    ]);
  });

  it('drops removed or renamed fields last, counting their values', async () => {
    await db.migrate([person(field('nickname', 'string', { indexed: true }))]);
    await insertPeople('a', 'b');
    await db.sql.run(`update app_person set nickname = 'x' where name = 'a'`);
    const steps = await plan(person(field('alias', 'string')));
    expect(summary(steps)).toEqual([
      { action: 'addColumn', column: 'alias', safety: 'safe', affectedRows: undefined, blocked: false },
      { action: 'dropIndex', column: 'nickname', safety: 'safe', affectedRows: undefined, blocked: false },
      { action: 'dropColumn', column: 'nickname', safety: 'destructive', affectedRows: 1, blocked: false },
    ]);
  });

  it('drops a removed entity after the foreign keys that point at it', async () => {
    const card = entity('Card', [field('branch', 'reference', { target: 'Branch' })]);
    await db.migrate([branch, card]);
    await db.sql.run(`insert into app_branch (id, name) values (gen_random_uuid(), 'x')`);
    const result = await db.plan([entity('Card', [])]);
    expect(result.destructive).toBe(true);
    expect(summary(result.steps)).toEqual([
      { action: 'dropForeignKey', column: 'branch_id', safety: 'safe', affectedRows: undefined, blocked: false },
      { action: 'dropColumn', column: 'branch_id', safety: 'destructive', affectedRows: 0, blocked: false },
      { action: 'dropTable', column: undefined, safety: 'destructive', affectedRows: 1, blocked: false },
    ]);
  });

  it('blocks a new unique index over duplicate values, saying how many', async () => {
    await db.migrate([person()]);
    await insertPeople('same', 'same', 'same', 'other', null, null);
    const result = await db.plan([entity('Person', [field('name', 'string', { maxLength: 20, unique: true })])]);
    expect(result.blocked).toBe(true);
    const [step] = result.steps;
    expect(step).toMatchObject({ action: 'createIndex', safety: 'safe' });
    expect(step?.sql).toEqual(['create unique index "app_person_name_uniq" on "app_person" ("name")']);
    expect(step?.blocked?.en).toBe(
      '3 records share their values of name, so it cannot be made unique; resolve the duplicates first.',
    );
  });

  it('blocks a foreign key over values that point nowhere', async () => {
    const card = (type: 'string' | 'reference') =>
      entity('Card', [field('branch', type, type === 'reference' ? { target: 'Branch' } : {})]);
    await db.migrate([branch, entity('Card', [field('branchId', 'string')])]);
    await db.sql.run(`insert into app_card (id, branch_id) values (gen_random_uuid(), 'not-a-branch')`);
    const steps = await plan(branch, card('reference'));
    expect(summary(steps)).toEqual([
      { action: 'alterColumnType', column: 'branch_id', safety: 'destructive', affectedRows: 1, blocked: true },
      { action: 'addForeignKey', column: 'branch_id', safety: 'safe', affectedRows: undefined, blocked: true },
    ]);
  });

  it('indexes the owner of a table created without that index, as a safe step, and then plans nothing', async () => {
    await db.migrate([person()]);
    await insertPeople('山田', '佐藤');
    await db.sql.run('drop index "app_person_owner_id_idx"');
    const steps = await plan(person());
    expect(summary(steps)).toEqual([
      { action: 'createIndex', column: 'owner_id', safety: 'safe', affectedRows: undefined, blocked: false },
    ]);
    expect(steps[0]?.sql).toEqual(['create index "app_person_owner_id_idx" on "app_person" ("owner_id")']);
    expect(steps[0]?.reason.en).toContain("Index each record's owner (owner_id)");

    await db.migrate([person()]);
    const indexes = await db.sql.query<{ indexdef: string }>(
      `select indexdef from pg_indexes
        where schemaname = current_schema() and tablename = 'app_person' and indexname = 'app_person_owner_id_idx'`,
    );
    expect(indexes).toHaveLength(1);
    expect(indexes[0]?.indexdef).toMatch(
      /^CREATE INDEX app_person_owner_id_idx ON .*app_person USING btree \(owner_id\)$/,
    );
    expect(await plan(person())).toEqual([]);
  });

  it('plans nothing for the app it has just migrated, and leaves system tables alone', async () => {
    await db.sql.run('create table kiban_keep_me (id integer)');
    await db.migrate([branch, libraryCard]);
    expect(await plan(branch, libraryCard)).toEqual([]);
    const [row] = await db.sql.query<{ found: boolean }>(`select to_regclass('kiban_keep_me') is not null as found`);
    expect(row?.found).toBe(true);
    await db.sql.run('drop table kiban_keep_me');
  });
});
