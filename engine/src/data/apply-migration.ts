import { KibanError } from '../errors.ts';
import type { LocalizedText, MigrationPlan, MigrationStep } from './migration-plan.ts';
import { backupTableName, quoteIdent } from './naming.ts';
import type { Sql } from './sql.ts';

export interface AppliedMigration {
  /** Steps run, in order. */
  steps: MigrationStep[];
  /** Tables holding a copy of each table a destructive step touched, taken just before it. */
  backups: { table: string; backup: string }[];
}

export type MigrationRefusal = 'migration.blocked' | 'migration.destructive';

/** The plan was not applied; `steps` are the ones in the way. */
export class MigrationRefusedError extends KibanError {
  declare readonly code: MigrationRefusal;
  readonly steps: MigrationStep[];

  constructor(code: MigrationRefusal, steps: MigrationStep[]) {
    const localized: LocalizedText =
      code === 'migration.blocked'
        ? {
            ja: 'データの状態により適用できない変更があります。各手順の説明に従って修正してください。',
            en: 'Some changes cannot apply to the data as it stands; fix what each step describes.',
          }
        : {
            ja: 'データを失う変更が含まれています。確認のうえ、明示的に承認してください。',
            en: 'The migration loses data; it needs explicit confirmation.',
          };
    super(
      code,
      409,
      localized,
      steps.map((step) => ({
        pointer: `/${step.table}${step.column ? `/${step.column}` : ''}`,
        code: `${code}.${step.action}`,
        message: step.blocked ?? step.reason,
      })),
    );
    this.name = 'MigrationRefusedError';
    this.steps = steps;
  }
}

/**
 * Runs a plan's statements in order on `sql`, which must be transactional: the caller owns the
 * transaction, so the schema change and its metadata writes commit or roll back together.
 * Before the first destructive step on a table, the table is copied to a `kiban_backup_…`
 * system table in the same transaction.
 */
export async function applyMigration(
  sql: Sql,
  plan: MigrationPlan,
  options: { confirmDestructive: boolean; now?: Date },
): Promise<AppliedMigration> {
  const blocked = plan.steps.filter((s) => s.blocked !== undefined);
  if (blocked.length > 0) throw new MigrationRefusedError('migration.blocked', blocked);
  const destructive = plan.steps.filter((s) => s.safety === 'destructive');
  if (destructive.length > 0 && !options.confirmDestructive) {
    throw new MigrationRefusedError('migration.destructive', destructive);
  }

  const at = options.now ?? new Date();
  const backups: AppliedMigration['backups'] = [];
  for (const step of plan.steps) {
    if (step.safety === 'destructive' && !backups.some((b) => b.table === step.table)) {
      backups.push({ table: step.table, backup: await backUp(sql, step.table, at) });
    }
    for (const statement of step.sql) await sql.run(statement);
  }
  return { steps: plan.steps, backups };
}

async function backUp(sql: Sql, table: string, at: Date): Promise<string> {
  const base = backupTableName(table, at);
  let name = base;
  // Two migrations within one second would otherwise collide on the timestamp.
  for (let n = 2; await tableExists(sql, name); n++) name = backupTableName(`${table}_${n}`, at);
  await sql.run(`create table ${quoteIdent(name)} as select * from ${quoteIdent(table)}`);
  return name;
}

async function tableExists(sql: Sql, name: string): Promise<boolean> {
  const [row] = await sql.query<{ found: boolean }>('select to_regclass(?) is not null as found', [quoteIdent(name)]);
  return row?.found === true;
}
