import pg from 'pg';
import type { DatabaseHandle } from '../data/index.ts';
import { KibanError } from '../errors.ts';

/** What the engine's own database role may do that would put the audit trail within its reach. */
export interface RoleReach {
  superuser: boolean;
  bypassesRowSecurity: boolean;
  /** The role is, or may act as, the owner of `kiban_audit`, its trigger function or its schema. */
  ownsAuditTrail: boolean;
}

/**
 * In production (`KIBAN_ENV=production`) the audit trail must be out of the engine's reach.
 * The embedded PGlite cannot give that: it runs inside the engine's process as its superuser,
 * so a production start on it is refused. On PostgreSQL the engine's role is checked once its
 * tables exist, and the start is refused while that role could rewrite or switch off the trail.
 */
export async function assertProductionDatabase(database: DatabaseHandle): Promise<void> {
  if (database.embedded) {
    throw new KibanError('config.embeddedDatabaseInProduction', 500, {
      ja: '本番環境(KIBAN_ENV=production)では組み込みの PGlite を使えません。監査ログをエンジン自身から守れないためです。KIBAN_DATABASE_URL に PostgreSQL を設定し、権限を絞ったロールで接続してください(DEVELOPERS.md「Database role」)。',
      en: 'The embedded PGlite cannot run in production (KIBAN_ENV=production): it cannot keep the audit trail out of the engine’s reach. Set KIBAN_DATABASE_URL to a PostgreSQL server and connect as the least-privilege role (DEVELOPERS.md, "Database role").',
    });
  }
  const reach = await readRoleReach(database.url);
  const reasons = [
    reach.superuser && 'is a superuser',
    reach.bypassesRowSecurity && 'bypasses row security',
    reach.ownsAuditTrail && 'owns the audit trail (kiban_audit, its trigger function or its schema)',
  ].filter((reason): reason is string => typeof reason === 'string');
  if (reasons.length === 0) return;
  throw new KibanError('config.databaseRoleTooPowerful', 500, {
    ja: `本番環境では、エンジンのデータベースロールが監査ログを書き換えられない必要があります。現在のロールは次の理由で許可されません: ${reasons.join('; ')}。DEVELOPERS.md「Database role」の SQL で監査ログを専用の所有者に移してください。`,
    en: `In production the engine’s database role must not be able to rewrite the audit trail. This role ${reasons.join('; ')}. Hand the audit trail to its own owner with the SQL in DEVELOPERS.md ("Database role").`,
  });
}

export async function readRoleReach(url: string): Promise<RoleReach> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ superuser: boolean; bypass: boolean; owns: boolean }>(
      `select r.rolsuper as superuser, r.rolbypassrls as bypass,
              (pg_has_role(current_user, c.relowner, 'USAGE')
               or pg_has_role(current_user, n.nspowner, 'USAGE')
               or pg_has_role(current_user, p.proowner, 'USAGE')) as owns
         from pg_roles r
         cross join pg_class c
         join pg_namespace n on n.oid = c.relnamespace
         cross join pg_proc p
        where r.rolname = current_user
          and c.oid = 'kiban_audit'::regclass
          and p.oid = 'kiban_audit_refuse_change'::regproc`,
    );
    const [row] = rows;
    return { superuser: row.superuser, bypassesRowSecurity: row.bypass, ownsAuditTrail: row.owns };
  } finally {
    await client.end();
  }
}
