import { MikroORM } from '@mikro-orm/postgresql';
import { type Sql, sqlOf } from '../data/sql.ts';
import { openTestDatabase, type TestDatabaseKind } from '../testing/index.ts';
import { ACCESS_SCHEMA_SQL } from './system-tables.ts';

export interface AccessTestDatabase {
  sql: Sql;
  close(): Promise<void>;
}

/** For this folder's tests: a fresh database of `kind` with the access tables created. */
export async function openAccessTestDatabase(kind: TestDatabaseKind): Promise<AccessTestDatabase> {
  const handle = await openTestDatabase(kind);
  const orm = await MikroORM.init({ entities: [], discovery: { warnWhenNoEntities: false }, clientUrl: handle.url });
  const sql = sqlOf(orm.em.fork());
  for (const statement of ACCESS_SCHEMA_SQL) await sql.run(statement);
  return {
    sql,
    close: async () => {
      await orm.close();
      await handle.close();
    },
  };
}
