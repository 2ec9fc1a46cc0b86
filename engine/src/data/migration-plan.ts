/** The shape of a migration plan, shared by the planner, the applier and the API that shows it. */

export type LocalizedText = { ja: string; en: string };

export type MigrationAction =
  | 'createTable'
  | 'dropTable'
  | 'addColumn'
  | 'dropColumn'
  | 'alterColumnType'
  | 'setNotNull'
  | 'dropNotNull'
  | 'setDefault'
  | 'dropDefault'
  | 'createIndex'
  | 'dropIndex'
  | 'addForeignKey'
  | 'dropForeignKey'
  | 'backfillComputed';

export interface MigrationStep {
  action: MigrationAction;
  table: string;
  entity?: string;
  column?: string;
  field?: string;
  /** Destructive steps lose or change stored data; they need confirmation and get a backup. */
  safety: 'safe' | 'destructive';
  /** The exact statements the step runs, in order. */
  sql: string[];
  reason: LocalizedText;
  /** Rows whose data the step removes or changes, when that can be counted beforehand. */
  affectedRows?: number;
  /** Set when the step cannot apply as the data stands; says what to fix. */
  blocked?: LocalizedText;
}

export interface MigrationPlan {
  steps: MigrationStep[];
  destructive: boolean;
  blocked: boolean;
}

/**
 * The order in which steps apply: new tables and columns first, then constraints in the way
 * of a change are dropped, columns altered, new constraints added, and data dropped last.
 * Dropping old foreign keys and indexes early frees their names for replacements and lets
 * referenced tables go. Computed fields are backfilled last, over the final columns.
 */
const PHASES: Record<MigrationAction, number> = {
  createTable: 0,
  addColumn: 1,
  dropForeignKey: 2,
  dropIndex: 2,
  alterColumnType: 3,
  dropDefault: 4,
  setDefault: 4,
  dropNotNull: 5,
  setNotNull: 5,
  addForeignKey: 6,
  createIndex: 6,
  dropColumn: 7,
  dropTable: 8,
  backfillComputed: 9,
};

export function toPlan(steps: MigrationStep[]): MigrationPlan {
  const ordered = steps
    .map((step, i) => ({ step, i }))
    .sort((a, b) => PHASES[a.step.action] - PHASES[b.step.action] || a.i - b.i)
    .map(({ step }) => step);
  return {
    steps: ordered,
    destructive: ordered.some((s) => s.safety === 'destructive'),
    blocked: ordered.some((s) => s.blocked !== undefined),
  };
}
