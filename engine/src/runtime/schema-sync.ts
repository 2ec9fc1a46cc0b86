import { recordAudit } from '../access/index.ts';
import {
  type AppliedMigration,
  applyMigration,
  type MigrationPlan,
  planMigration,
  readLiveSchema,
  type Sql,
} from '../data/index.ts';
import type { EntityMetadata } from '../metadata/index.ts';
import type { LiveApp } from './live-app.ts';
import { PUBLISH_LOCK } from './publish.ts';

/**
 * The database schema brought back in line with the published metadata — after a restore,
 * a manual change, or an apply interrupted outside the engine. Planning and applying follow
 * the same rules as a publication: destructive steps need confirmation and are backed up.
 */
export function planSchemaSync(live: LiveApp): Promise<MigrationPlan> {
  return live.transaction(async (_em, sql) => planWithLock(live, sql));
}

export function applySchemaSync(live: LiveApp, options: { confirmDestructive: boolean }): Promise<AppliedMigration> {
  return live.transaction(async (_em, sql) => {
    const plan = await planWithLock(live, sql);
    const applied = await applyMigration(sql, plan, options);
    if (plan.steps.length > 0) {
      await recordAudit(sql, { principal: null, action: 'migration.apply', detail: { steps: plan.steps.length } });
    }
    return applied;
  });
}

async function planWithLock(live: LiveApp, sql: Sql): Promise<MigrationPlan> {
  await sql.query('select pg_advisory_xact_lock(?)', [PUBLISH_LOCK]);
  return planMigration([...live.entities.values()] as EntityMetadata[], await readLiveSchema(sql), sql);
}
