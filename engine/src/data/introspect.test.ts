import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../testing/index.ts';
import { applyMigration } from './apply-migration.ts';
import { type LiveSchema, readLiveSchema } from './introspect.ts';
import { planMigration } from './plan-migration.ts';
import { inTransaction } from './sql.ts';
import { openTestDatabaseWithOrm, type TestDatabase } from './test-database.ts';
import { branch, libraryCard } from './test-entities.ts';

describe.each(testDatabaseKinds())('live schema on %s', (kind) => {
  let db: TestDatabase;
  let live: LiveSchema;

  beforeAll(async () => {
    db = await openTestDatabaseWithOrm(kind);
    await inTransaction(db.orm.em, async (sql) => {
      const plan = await planMigration([branch, libraryCard], await readLiveSchema(sql), sql);
      await applyMigration(sql, plan, { confirmDestructive: false });
    });
    await db.sql.run('create table kiban_system_thing (id integer)');
    live = await readLiveSchema(db.sql);
  });
  afterAll(() => db?.close());

  const table = (name: string) => {
    const found = live.tables.find((t) => t.name === name);
    if (!found) throw new Error(`no table ${name}`);
    return found;
  };
  const column = (tableName: string, name: string) => table(tableName).columns.find((c) => c.name === name);

  it('lists only app tables', () => {
    expect(live.tables.map((t) => t.name).sort()).toEqual(['app_branch', 'app_library_card']);
  });

  it('reads column types with lengths, precision and scale, nullability and defaults', () => {
    expect(column('app_library_card', 'id')).toEqual({
      name: 'id',
      type: { base: 'uuid' },
      nullable: false,
      default: null,
    });
    expect(column('app_library_card', 'version')).toMatchObject({ type: { base: 'integer' }, default: '1' });
    expect(column('app_library_card', 'created_at')).toMatchObject({
      type: { base: 'timestamptz', precision: 3 },
      nullable: false,
      default: 'now()',
    });
    expect(column('app_library_card', 'holder_name')).toMatchObject({
      type: { base: 'varchar', length: 80 },
      nullable: false,
    });
    expect(column('app_library_card', 'notes')?.type).toEqual({ base: 'text' });
    expect(column('app_library_card', 'deposit')?.type).toEqual({ base: 'numeric', precision: 10, scale: 2 });
    expect(column('app_library_card', 'active')).toMatchObject({ type: { base: 'boolean' }, default: 'true' });
    expect(column('app_library_card', 'birth_date')).toMatchObject({ type: { base: 'date' }, nullable: true });
    expect(column('app_library_card', 'status')).toMatchObject({
      type: { base: 'varchar', length: 64 },
      default: "'open'::character varying",
    });
    expect(column('app_library_card', 'preferences')?.type).toEqual({ base: 'jsonb' });
    expect(column('app_library_card', 'branch_id')?.type).toEqual({ base: 'uuid' });
    expect(column('app_library_card', 'history')).toBeUndefined();
  });

  it('reads indexes with their columns in order', () => {
    const indexes = table('app_library_card').indexes;
    expect(indexes).toContainEqual({
      name: 'app_library_card_branch_id_holder_name_uniq',
      columns: ['branch_id', 'holder_name'],
      unique: true,
      primary: false,
      constraint: false,
      special: false,
    });
    expect(indexes.find((i) => i.name === 'app_library_card_email_uniq')).toMatchObject({ unique: true });
    expect(indexes.find((i) => i.name === 'app_library_card_holder_name_idx')).toMatchObject({ unique: false });
    expect(indexes.find((i) => i.primary)).toMatchObject({ columns: ['id'], constraint: true });
  });

  it('reads foreign keys', () => {
    expect(table('app_library_card').foreignKeys).toEqual([
      {
        name: 'app_library_card_branch_id_fkey',
        columns: ['branch_id'],
        referencedTable: 'app_branch',
        referencedColumns: ['id'],
        onDelete: 'restrict',
        deferred: true,
      },
    ]);
  });

  it('finds nothing left to do after applying a plan', async () => {
    const plan = await planMigration([branch, libraryCard], live, db.sql);
    expect(plan.steps).toEqual([]);
  });
});
