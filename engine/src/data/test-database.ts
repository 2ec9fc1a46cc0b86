import { type EntitySchema, MikroORM } from '@mikro-orm/postgresql';
import type { EntityMetadata } from '../metadata/types.ts';
import { openTestDatabase, type TestDatabaseKind } from '../testing/index.ts';
import { type AppliedMigration, applyMigration } from './apply-migration.ts';
import { readLiveSchema } from './introspect.ts';
import type { MigrationPlan } from './migration-plan.ts';
import { quoteIdent } from './naming.ts';
import { planMigration } from './plan-migration.ts';
import { inTransaction, type Sql, sqlOf } from './sql.ts';

/** A fresh test database with an ORM booted on it, for the data layer's own tests. */
export interface TestDatabase {
  url: string;
  orm: MikroORM;
  /** A non-transactional Sql on a forked EntityManager. */
  sql: Sql;
  /** Plans the migration from the live schema to `entities`. */
  plan(entities: EntityMetadata[]): Promise<MigrationPlan>;
  /** Plans and applies in one transaction. */
  migrate(
    entities: EntityMetadata[],
    confirmDestructive?: boolean,
  ): Promise<AppliedMigration & { plan: MigrationPlan }>;
  /** Drops every app table and backup, so each test starts from an empty app. */
  reset(): Promise<void>;
  /** Boots a second ORM on the same database with the given entities (after a migration). */
  boot(entities: EntitySchema[]): Promise<MikroORM>;
  close(): Promise<void>;
}

export async function openTestDatabaseWithOrm(kind: TestDatabaseKind): Promise<TestDatabase> {
  const handle = await openTestDatabase(kind);
  const booted: MikroORM[] = [];
  const boot = async (entities: EntitySchema[]) => {
    const orm = await MikroORM.init({ entities, clientUrl: handle.url, discovery: { warnWhenNoEntities: false } });
    booted.push(orm);
    return orm;
  };
  const orm = await boot([]);
  const sql = sqlOf(orm.em.fork());
  return {
    url: handle.url,
    orm,
    sql,
    plan: async (entities) => planMigration(entities, await readLiveSchema(sql), sql),
    migrate: (entities, confirmDestructive = false) =>
      inTransaction(orm.em, async (tx) => {
        const plan = await planMigration(entities, await readLiveSchema(tx), tx);
        return { plan, ...(await applyMigration(tx, plan, { confirmDestructive })) };
      }),
    reset: async () => {
      const tables = await sql.query<{ name: string }>(
        `select tablename::text as name from pg_tables
          where schemaname = current_schema() and (starts_with(tablename, 'app_') or starts_with(tablename, 'kiban_backup_'))`,
      );
      for (const { name } of tables) await sql.run(`drop table if exists ${quoteIdent(name)} cascade`);
    },
    boot,
    close: async () => {
      for (const each of booted) await each.close();
      await handle.close();
    },
  };
}
