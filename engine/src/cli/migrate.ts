import { parseArgs } from 'node:util';
import type { MigrationPlan } from '../data/index.ts';
import { applySchemaSync, planSchemaSync } from '../runtime/schema-sync.ts';
import { withEngine } from './open-engine.ts';
import { progress, UsageError } from './output.ts';

export async function migrateCommand(args: string[]): Promise<void> {
  const [sub, ...rest] = args;
  const { values } = parseArgs({ args: rest, options: { 'allow-destructive': { type: 'boolean' } } });
  if (sub !== 'plan' && sub !== 'apply') throw new UsageError('migrate needs "plan" or "apply"');
  await withEngine(async (engine) => {
    progress('comparing the published metadata with the database schema');
    if (sub === 'plan') {
      printPlan(await planSchemaSync(engine.live()));
      return;
    }
    const applied = await applySchemaSync(engine.live(), { confirmDestructive: values['allow-destructive'] ?? false });
    printPlan(applied);
    for (const backup of applied.backups) console.log(`backed up ${backup.table} to ${backup.backup}`);
  });
}

export function printPlan(plan: Pick<MigrationPlan, 'steps'>): void {
  if (plan.steps.length === 0) {
    console.log('The database schema matches the metadata; nothing to do.');
    return;
  }
  for (const step of plan.steps) {
    const rows = step.affectedRows === undefined ? '' : ` (${step.affectedRows} rows)`;
    console.log(`${step.safety === 'safe' ? '  safe       ' : '  DESTRUCTIVE'} ${step.reason.en}${rows}`);
    if (step.blocked) console.log(`  BLOCKED     ${step.blocked.en}`);
    for (const statement of step.sql) console.log(`      ${statement}`);
  }
}
