import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabaseKinds } from '../testing/index.ts';
import { type AccessTestDatabase, openAccessTestDatabase } from './access-test-database.ts';
import { ACCESS_SCHEMA_SQL } from './system-tables.ts';

describe.each(testDatabaseKinds())('access system tables on %s', (kind) => {
  let db: AccessTestDatabase;
  beforeAll(async () => {
    db = await openAccessTestDatabase(kind);
  });
  afterAll(async () => db?.close());

  it('can be created again on a database that has them', async () => {
    for (const statement of ACCESS_SCHEMA_SQL) await db.sql.run(statement);
    const tables = await db.sql.query<{ table_name: string }>(
      "select table_name from information_schema.tables where table_name like 'kiban_%' order by table_name",
    );
    expect(tables.map((table) => table.table_name)).toEqual([
      'kiban_api_token',
      'kiban_audit',
      'kiban_auth_throttle',
      'kiban_principal',
      'kiban_profile',
      'kiban_session',
    ]);
  });

  it('keeps the audit trail append-only: inserts pass, update, delete and truncate are refused', async () => {
    await db.sql.run("insert into kiban_audit (principal_kind, action) values ('system', 'test')");
    await expect(db.sql.run("update kiban_audit set action = 'rewritten'")).rejects.toThrow(/append-only: UPDATE/);
    await expect(db.sql.run('delete from kiban_audit')).rejects.toThrow(/append-only: DELETE/);
    await expect(db.sql.run('truncate kiban_audit')).rejects.toThrow(/append-only: TRUNCATE/);
    const rows = await db.sql.query<{ action: string }>('select action from kiban_audit');
    expect(rows).toEqual([{ action: 'test' }]);
  });

  it('refuses a username that is not stored lower-cased', async () => {
    await expect(
      db.sql.run("insert into kiban_principal (kind, username) values ('staff', 'Tanaka')"),
    ).rejects.toThrow();
  });

  it('refuses an unknown principal kind', async () => {
    await expect(db.sql.run("insert into kiban_principal (kind, username) values ('robot', 'r2d2')")).rejects.toThrow();
  });
});
