import { randomBytes } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { ACCESS_SCHEMA_SQL, createPrincipal, listPrincipals } from '../access/index.ts';
import type { EngineConfig } from '../config.ts';
import { type Sql, sqlOf } from '../data/index.ts';
import { ensureEventTables } from '../events/index.ts';
import { ensureFileTables } from '../files/tables.ts';
import { ensureJobTables } from '../jobs/index.ts';
import type { MetadataItem } from '../metadata/index.ts';
import { loadPublished, REGISTRY_SCHEMA_SQL } from '../metadata/index.ts';
import { PACKAGE_SCHEMA_SQL } from '../packages/index.ts';
import { REALTIME_SCHEMA_SQL } from '../realtime/index.ts';
import { ensureReportScheduleTables } from '../reports/schedules/index.ts';
import { ensureSettingsTables } from '../settings/index.ts';
import { ensureWorkflowTables } from '../workflow/index.ts';

const BOOTSTRAP_LOCK = 4_201_774;

export interface BootstrapResult {
  published: MetadataItem[];
  /** Set when this start created the first administrator with a generated password. */
  initialAdminPasswordFile?: string;
}

/**
 * Prepares the engine's own tables (idempotent, serialised across nodes), makes sure an
 * administrator exists, and reads the published app.
 */
export async function bootstrapDatabase(databaseUrl: string, config: EngineConfig): Promise<BootstrapResult> {
  const orm = await MikroORM.init({
    clientUrl: databaseUrl,
    entities: [],
    discovery: { warnWhenNoEntities: false },
    pool: { min: 0, max: 1 },
  });
  try {
    return await orm.em.fork().transactional(async (em) => {
      const sql = sqlOf(em);
      await sql.query('select pg_advisory_xact_lock(?)', [BOOTSTRAP_LOCK]);
      for (const statement of [
        ...ACCESS_SCHEMA_SQL,
        ...REGISTRY_SCHEMA_SQL,
        ...PACKAGE_SCHEMA_SQL,
        ...REALTIME_SCHEMA_SQL,
      ]) {
        await sql.run(statement);
      }
      await ensureEventTables(sql);
      await ensureWorkflowTables(sql);
      await ensureFileTables(sql);
      await ensureJobTables(sql);
      await ensureReportScheduleTables(sql);
      await ensureSettingsTables(sql);
      const initialAdminPasswordFile = await ensureInitialAdmin(sql, config);
      const published = (await loadPublished(sql)).map((row) => row.item);
      return { published, initialAdminPasswordFile };
    });
  } finally {
    await orm.close();
  }
}

/**
 * The first start creates `admin`. A generated password is written to a file only the
 * owner can read instead of the log, so it never lands in log collectors.
 */
async function ensureInitialAdmin(sql: Sql, config: EngineConfig): Promise<string | undefined> {
  if ((await listPrincipals(sql)).length > 0) return undefined;
  const password = config.initialAdminPassword ?? randomBytes(18).toString('base64url');
  await createPrincipal(sql, {
    kind: 'staff',
    username: 'admin',
    displayName: '管理者',
    password,
    roles: ['kiban:admin'],
  });
  if (config.initialAdminPassword) return undefined;
  await mkdir(config.dataDir, { recursive: true });
  const file = join(config.dataDir, 'initial-admin-password');
  await writeFile(file, `${password}\n`, { mode: 0o600 });
  return file;
}
