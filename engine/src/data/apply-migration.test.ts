import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../testing/index.ts';
import { applyMigration, MigrationRefusedError } from './apply-migration.ts';
import { readLiveSchema } from './introspect.ts';
import type { MigrationPlan } from './migration-plan.ts';
import { planMigration } from './plan-migration.ts';
import { inTransaction } from './sql.ts';
import { openTestDatabaseWithOrm, type TestDatabase } from './test-database.ts';
import { branch, entity, field, libraryCard } from './test-entities.ts';

const person = (maxLength: number, extra = {}) => entity('Person', [field('name', 'string', { maxLength, ...extra })]);

describe.each(testDatabaseKinds())('applying migrations on %s', (kind) => {
  let db: TestDatabase;

  beforeAll(async () => {
    db = await openTestDatabaseWithOrm(kind);
    await db.sql.run('create table if not exists kiban_metadata_log (note text)');
  });
  beforeEach(async () => {
    await db.reset();
    await db.sql.run('delete from kiban_metadata_log');
  });
  afterAll(() => db?.close());

  const names = async () =>
    (await db.sql.query<{ name: string }>('select name from app_person order by name')).map((r) => r.name);
  const refusal = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(MigrationRefusedError);
    return error as MigrationRefusedError;
  };

  it('applies a safe plan and reports no backups', async () => {
    const applied = await db.migrate([branch, libraryCard]);
    expect(applied.backups).toEqual([]);
    expect(applied.steps.length).toBe(applied.plan.steps.length);
    expect((await db.plan([branch, libraryCard])).steps).toEqual([]);
  });

  it('refuses a destructive plan without confirmation and changes nothing', async () => {
    await db.migrate([person(40)]);
    await db.sql.run(`insert into app_person (id, name) values (gen_random_uuid(), 'a rather long name')`);
    const error = await refusal(db.migrate([person(5)]));
    expect(error.code).toBe('migration.destructive');
    expect(error.steps.map((s) => [s.action, s.column, s.affectedRows])).toEqual([['alterColumnType', 'name', 1]]);
    expect(error.localized.ja).toContain('承認');
    expect(await names()).toEqual(['a rather long name']);
  });

  it('refuses a blocked plan even when confirmed', async () => {
    await db.migrate([person(40)]);
    await db.sql.run(
      `insert into app_person (id, name) values (gen_random_uuid(), 'twin'), (gen_random_uuid(), 'twin')`,
    );
    const error = await refusal(db.migrate([person(40, { unique: true })], true));
    expect(error.code).toBe('migration.blocked');
    expect(error.steps.map((s) => s.action)).toEqual(['createIndex']);
  });

  it('backs up each table once before its first destructive step, in the same transaction', async () => {
    await db.migrate([entity('Person', [field('name', 'string', { maxLength: 40 }), field('note', 'text')])]);
    await db.sql.run(
      `insert into app_person (id, name, note) values (gen_random_uuid(), 'a rather long name', 'kept in the backup')`,
    );
    const now = new Date('2026-11-24T10:20:30Z');
    const applied = await inTransaction(db.orm.em, async (sql) => {
      const plan = await planMigration([person(5)], await readLiveSchema(sql), sql);
      return applyMigration(sql, plan, { confirmDestructive: true, now });
    });
    expect(applied.steps.map((s) => s.action)).toEqual(['alterColumnType', 'dropColumn']);
    expect(applied.backups).toEqual([{ table: 'app_person', backup: 'kiban_backup_20261124102030_app_person' }]);
    expect(await names()).toEqual(['a rat']);
    const backup = await db.sql.query('select name, note from kiban_backup_20261124102030_app_person');
    expect(backup).toEqual([{ name: 'a rather long name', note: 'kept in the backup' }]);

    // A second migration in the same second gets its own backup table.
    const again = await inTransaction(db.orm.em, async (sql) => {
      const plan = await planMigration([person(3)], await readLiveSchema(sql), sql);
      return applyMigration(sql, plan, { confirmDestructive: true, now });
    });
    expect(again.backups).toEqual([{ table: 'app_person', backup: 'kiban_backup_20261124102030_app_person_2' }]);
  });

  it('backs up a dropped table before dropping it', async () => {
    await db.migrate([person(40), branch]);
    await db.sql.run(`insert into app_branch (id, name) values (gen_random_uuid(), '北区')`);
    const applied = await inTransaction(db.orm.em, async (sql) => {
      const plan = await planMigration([person(40)], await readLiveSchema(sql), sql);
      return applyMigration(sql, plan, { confirmDestructive: true, now: new Date('2026-01-02T03:04:05Z') });
    });
    expect(applied.steps.map((s) => [s.action, s.affectedRows])).toEqual([['dropTable', 1]]);
    expect(applied.backups).toEqual([{ table: 'app_branch', backup: 'kiban_backup_20260102030405_app_branch' }]);
    expect(await db.sql.query('select name from kiban_backup_20260102030405_app_branch')).toEqual([{ name: '北区' }]);
    expect((await readLiveSchema(db.sql)).tables.map((t) => t.name)).toEqual(['app_person']);
  });

  it('rolls everything back when a statement fails midway, including the caller’s own writes', async () => {
    await db.migrate([person(40)]);
    const before = await readLiveSchema(db.sql);
    const failing = inTransaction(db.orm.em, async (sql) => {
      await sql.run(`insert into kiban_metadata_log (note) values ('published')`);
      const plan = await planMigration(
        [person(80, { required: true, default: 'x' }), branch],
        await readLiveSchema(sql),
        sql,
      );
      const broken: MigrationPlan = {
        ...plan,
        steps: [
          ...plan.steps.slice(0, 2),
          {
            ...plan.steps[0],
            action: 'addColumn',
            safety: 'safe',
            sql: ['alter table app_nowhere add column x integer'],
          } as MigrationPlan['steps'][number],
          ...plan.steps.slice(2),
        ],
      };
      expect(plan.steps.length).toBeGreaterThan(2);
      return applyMigration(sql, broken, { confirmDestructive: true });
    });
    await expect(failing).rejects.toThrow(/app_nowhere/);
    expect(await readLiveSchema(db.sql)).toEqual(before);
    expect(await db.sql.query('select * from kiban_metadata_log')).toEqual([]);
  });
});
