import { type ColumnSpec, formatColumnType, sameColumnType } from './column-types.ts';
import type { DesiredTable } from './desired-schema.ts';
import type { LiveColumn, LiveTable } from './introspect.ts';
import type { MigrationStep } from './migration-plan.ts';
import { quoteIdent } from './naming.ts';
import type { RowCounter } from './row-counts.ts';
import { classifyTypeChange, type RowCondition } from './type-changes.ts';

export interface ColumnPlanContext {
  counter: RowCounter;
  /** True when the live default is known to equal the desired one (see default-comparison.ts). */
  sameDefault(table: string, column: string): boolean;
}

/** Column DDL for `create table` and `add column`. */
export function columnDefinition(column: ColumnSpec): string {
  const parts = [quoteIdent(column.name), formatColumnType(column.type)];
  if (column.default !== undefined) parts.push(`default ${column.default}`);
  if (!column.nullable) parts.push('not null');
  return parts.join(' ');
}

/** Steps that bring an existing table's columns in line with the metadata. */
export async function planColumns(
  desired: DesiredTable,
  live: LiveTable,
  context: ColumnPlanContext,
): Promise<MigrationStep[]> {
  const steps: MigrationStep[] = [];
  const liveColumns = new Map(live.columns.map((c) => [c.name, c]));
  for (const column of desired.columns) {
    const current = liveColumns.get(column.name);
    if (current) steps.push(...(await alterColumn(desired, column, current, context)));
    else steps.push(await addColumn(desired, column, context));
  }
  const wanted = new Set(desired.columns.map((c) => c.name));
  for (const column of live.columns) {
    if (!wanted.has(column.name)) steps.push(await dropColumn(desired, column, context));
  }
  return steps;
}

async function addColumn(table: DesiredTable, column: ColumnSpec, context: ColumnPlanContext): Promise<MigrationStep> {
  const step: MigrationStep = {
    action: 'addColumn',
    ...where(table, column),
    safety: 'safe',
    sql: [`alter table ${quoteIdent(table.name)} add column ${columnDefinition(column)}`],
    reason: {
      ja: `フィールド「${column.property}」の列「${column.name}」を追加します。`,
      en: `Add column ${column.name} for field ${column.property}.`,
    },
  };
  if (column.nullable || column.default !== undefined) return step;
  const rows = await context.counter.total(table.name);
  if (rows === 0) return step;
  return {
    ...step,
    safety: 'destructive',
    affectedRows: rows,
    blocked: {
      ja: `必須フィールド「${column.property}」には既定値がないため、既存の ${rows} 件のレコードに値を入れられません。既定値を設定するか、必須を外してください。`,
      en: `Required field ${column.property} has no default, so the ${rows} existing records would have no value. Give it a default or make it optional.`,
    },
  };
}

async function dropColumn(table: DesiredTable, column: LiveColumn, context: ColumnPlanContext): Promise<MigrationStep> {
  const c = quoteIdent(column.name);
  const values = await context.counter.count(table.name, { where: `${c} is not null`, params: [] });
  return {
    action: 'dropColumn',
    table: table.name,
    entity: table.entity,
    column: column.name,
    safety: 'destructive',
    sql: [`alter table ${quoteIdent(table.name)} drop column ${c}`],
    affectedRows: values,
    reason: {
      ja: `列「${column.name}」に対応するフィールドが削除または名前変更されたため、列と ${values} 件の値を削除します。`,
      en: `No field maps to column ${column.name} any more (removed or renamed); the column and its ${values} values are dropped.`,
    },
  };
}

async function alterColumn(
  table: DesiredTable,
  column: ColumnSpec,
  live: LiveColumn,
  context: ColumnPlanContext,
): Promise<MigrationStep[]> {
  const steps: MigrationStep[] = [];
  const typeChanges = !sameColumnType(column.type, live.type);
  if (typeChanges) steps.push(await alterType(table, column, live, context));
  // A type change drops the old default first, since it may not convert to the new type.
  const liveDefault = typeChanges ? null : live.default;
  if (column.default === undefined && liveDefault !== null) {
    steps.push(defaultStep(table, column, 'dropDefault', 'drop default'));
  } else if (column.default !== undefined && (liveDefault === null || !context.sameDefault(table.name, column.name))) {
    steps.push(defaultStep(table, column, 'setDefault', `set default ${column.default}`));
  }
  if (column.nullable && !live.nullable) {
    steps.push({
      action: 'dropNotNull',
      ...where(table, column),
      safety: 'safe',
      sql: [`${alterPrefix(table, column)} drop not null`],
      reason: {
        ja: `フィールド「${column.property}」を任意項目にします。`,
        en: `Make field ${column.property} optional.`,
      },
    });
  }
  if (!column.nullable && live.nullable) steps.push(await setNotNull(table, column, context));
  return steps;
}

async function alterType(
  table: DesiredTable,
  column: ColumnSpec,
  live: LiveColumn,
  context: ColumnPlanContext,
): Promise<MigrationStep> {
  const from = formatColumnType(live.type);
  const to = formatColumnType(column.type);
  const change = classifyTypeChange(column.name, live.type, column.type);
  const sql = live.default === null ? [] : [`${alterPrefix(table, column)} drop default`];
  sql.push(`${alterPrefix(table, column)} type ${to}${change.using ? ` using ${change.using}` : ''}`);
  const step: MigrationStep = {
    action: 'alterColumnType',
    ...where(table, column),
    safety: change.widening ? 'safe' : 'destructive',
    sql,
    reason: change.widening
      ? {
          ja: `フィールド「${column.property}」の型を ${from} から ${to} に広げます（値はそのまま残ります）。`,
          en: `Widen field ${column.property} from ${from} to ${to}; every value is kept.`,
        }
      : {
          ja: `フィールド「${column.property}」の型を ${from} から ${to} に変更します。収まらない値は切り詰め・丸められます。`,
          en: `Change field ${column.property} from ${from} to ${to}; values that do not fit are shortened or rounded.`,
        },
  };
  if (change.widening || !change.countable) return step;
  const failing = change.failing ? await context.counter.count(table.name, change.failing) : 0;
  const lossy = [change.changed, change.failing].filter((c): c is RowCondition => c !== undefined);
  step.affectedRows = lossy.length === 0 ? 0 : await context.counter.count(table.name, anyOf(lossy));
  if (failing > 0) {
    step.blocked = {
      ja: `${failing} 件の値を ${to} に変換できません。先にそれらの値を修正してください。`,
      en: `${failing} values cannot be converted to ${to}; correct them first.`,
    };
  }
  return step;
}

async function setNotNull(table: DesiredTable, column: ColumnSpec, context: ColumnPlanContext): Promise<MigrationStep> {
  const c = quoteIdent(column.name);
  const nulls = await context.counter.count(table.name, { where: `${c} is null`, params: [] });
  const setNotNullSql = `${alterPrefix(table, column)} set not null`;
  const step: MigrationStep = {
    action: 'setNotNull',
    ...where(table, column),
    safety: 'safe',
    sql: [setNotNullSql],
    reason: {
      ja: `フィールド「${column.property}」を必須にします。`,
      en: `Make field ${column.property} required.`,
    },
  };
  if (nulls === 0) return step;
  step.safety = 'destructive';
  step.affectedRows = nulls;
  if (column.default === undefined) {
    step.blocked = {
      ja: `${nulls} 件のレコードでフィールド「${column.property}」が空です。既定値を設定するか、先に値を入れてください。`,
      en: `${nulls} records have no value for field ${column.property}. Give it a default or fill them in first.`,
    };
    return step;
  }
  step.sql = [`update ${quoteIdent(table.name)} set ${c} = ${column.default} where ${c} is null`, setNotNullSql];
  step.reason = {
    ja: `フィールド「${column.property}」を必須にし、空の ${nulls} 件には既定値を入れます。`,
    en: `Make field ${column.property} required; its ${nulls} empty values get the default.`,
  };
  return step;
}

function defaultStep(
  table: DesiredTable,
  column: ColumnSpec,
  action: 'setDefault' | 'dropDefault',
  clause: string,
): MigrationStep {
  return {
    action,
    ...where(table, column),
    safety: 'safe',
    sql: [`${alterPrefix(table, column)} ${clause}`],
    reason:
      action === 'setDefault'
        ? {
            ja: `フィールド「${column.property}」の既定値を設定します。`,
            en: `Set the default of field ${column.property}.`,
          }
        : {
            ja: `フィールド「${column.property}」の既定値を外します。`,
            en: `Remove the default of field ${column.property}.`,
          },
  };
}

function alterPrefix(table: DesiredTable, column: ColumnSpec): string {
  return `alter table ${quoteIdent(table.name)} alter column ${quoteIdent(column.name)}`;
}

function where(table: DesiredTable, column: ColumnSpec) {
  return { table: table.name, entity: table.entity, column: column.name, field: column.property };
}

function anyOf(conditions: RowCondition[]): RowCondition {
  return {
    where: conditions.map((c) => `(${c.where})`).join(' or '),
    params: conditions.flatMap((c) => c.params),
  };
}
