import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { definePlugin, type PluginDefinition } from '@kiban/sdk';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIBRARY_CARD } from '../api/api-test-support.ts';
import { readConfig } from '../config.ts';
import { createEngine } from '../engine.ts';
import { createServerDatabase } from '../testing/databases.ts';
import { TEST_ADMIN_PASSWORD } from '../testing/index.ts';

const serverUrl = process.env.KIBAN_TEST_DATABASE_URL;

async function run(url: string, statements: string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const statement of statements) await client.query(statement);
  } finally {
    await client.end();
  }
}

/**
 * PostgreSQL as DEVELOPERS.md ("Database role") sets it up: the engine signs in as a role
 * that is no superuser and does not own the audit trail, so it can add to the trail but
 * neither rewrite it nor switch its append-only triggers off. (PGlite has no roles to
 * speak of; its endpoint is closed to other OS users instead, see data/database.test.ts.)
 */
describe.skipIf(!serverUrl)('the engine as a least-privilege PostgreSQL role', () => {
  const suffix = randomBytes(4).toString('hex');
  const engineRole = `kiban_engine_${suffix}`;
  const auditRole = `kiban_audit_owner_${suffix}`;
  const password = `pw-${randomBytes(12).toString('hex')}`;
  let database: Awaited<ReturnType<typeof createServerDatabase>>;
  let engineUrl: string;
  let superUrl: string;
  let dataDir: string;

  const startAsEngineRole = (plugins: PluginDefinition[] = [], environment = 'development') =>
    createEngine(
      {
        ...readConfig({ KIBAN_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD, KIBAN_ENV: environment }),
        dataDir,
        seedMetadataDirs: [LIBRARY_CARD],
      },
      { database: { url: engineUrl, embedded: false, close: async () => {} }, plugins },
    );

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'kiban-role-'));
    database = await createServerDatabase(serverUrl as string, 'kiban_t');
    superUrl = database.url;
    await run(serverUrl as string, [
      `create role ${engineRole} login password '${password}' nosuperuser nocreatedb nocreaterole nobypassrls`,
      `create role ${auditRole} nologin`,
    ]);
    // The engine creates tables but owns neither the database nor the schema: a schema's
    // owner could drop the audit table whoever owns it.
    await run(superUrl, [`grant usage, create on schema public to ${engineRole}`]);
    const url = new URL(superUrl);
    url.username = engineRole;
    url.password = password;
    engineUrl = url.toString();
  });
  afterAll(async () => {
    await database?.close();
    await run(serverUrl as string, [`drop role if exists ${engineRole}`, `drop role if exists ${auditRole}`]);
    await rm(dataDir, { recursive: true, force: true });
  });

  it('runs without owning the audit trail, and cannot switch its protection off', async () => {
    // First start: the engine creates its tables; then the audit trail is handed to its own owner.
    // A production start refuses while the engine still owns the trail, and names the remedy.
    await expect(startAsEngineRole([], 'production')).rejects.toMatchObject({
      code: 'config.databaseRoleTooPowerful',
      message: expect.stringMatching(/owns the audit trail.*DEVELOPERS\.md/),
    });
    await run(superUrl, [
      `alter table kiban_audit owner to ${auditRole}`,
      `alter function kiban_audit_refuse_change() owner to ${auditRole}`,
      `grant select, insert on kiban_audit to ${engineRole}`,
    ]);

    const engine = await startAsEngineRole([], 'production');
    try {
      const login = await engine.app.request('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'admin', password: TEST_ADMIN_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
      const audit = await engine.app.request('/api/audit?limit=1', { headers: { cookie } });
      expect((await audit.json()).items[0]).toMatchObject({ action: 'login' });
    } finally {
      await engine.close();
    }

    for (const statement of [
      'alter table kiban_audit disable trigger all',
      'alter table kiban_audit disable trigger kiban_audit_no_update_delete',
      'set session_replication_role = replica',
      `update kiban_audit set action = 'rewritten'`,
      'delete from kiban_audit',
      'truncate kiban_audit',
      'drop table kiban_audit',
      'drop function kiban_audit_refuse_change() cascade',
    ]) {
      await expect(run(engineUrl, [statement]), statement).rejects.toThrow(/permission denied|must be owner/);
    }
    await run(engineUrl, [`insert into kiban_audit (principal_kind, action) values ('system', 'still.appends')`]);
  });

  it('migrates a plugin schema an administrator created for the engine, without CREATE on the database', async () => {
    await run(superUrl, [`create schema plugin_ledger authorization ${engineRole}`]);
    const ledger = definePlugin({
      name: 'ledger',
      version: '1.0.0',
      storage: { migrations: [{ id: '001', sql: 'create table entry (amount integer not null)' }] },
    });
    const engine = await startAsEngineRole([ledger]);
    try {
      const sql = engine.plugins.context('ledger').sql;
      expect((await sql.query('insert into entry values ($1), ($2)', [100, 250])).rowCount).toBe(2);
    } finally {
      await engine.close();
    }
    // Without that schema the engine role may not create one: the start is refused, naming the plugin.
    const other = definePlugin({ ...ledger, name: 'other-ledger' });
    await expect(startAsEngineRole([other])).rejects.toThrow(
      /schema plugin_other_ledger of the plugin "other-ledger" cannot be created \(permission denied/,
    );
  });
});
