import type { EntityMetadata } from '../metadata/types.ts';
import { sameColumnType } from './column-types.ts';
import { type DefaultPair, defaultsMatch, sameDefaultText } from './default-comparison.ts';
import { type DesiredTable, desiredSchema } from './desired-schema.ts';
import type { LiveSchema, LiveTable } from './introspect.ts';
import { type MigrationPlan, type MigrationStep, toPlan } from './migration-plan.ts';
import { boundedName, quoteIdent } from './naming.ts';
import { columnDefinition, planColumns } from './plan-columns.ts';
import { addForeignKeys, createIndexes, dropStaleForeignKeys, dropStaleIndexes } from './plan-constraints.ts';
import { RowCounter } from './row-counts.ts';
import type { Sql } from './sql.ts';

/**
 * Compares the published entities with the live `app_%` tables and lists the steps that make
 * the database match, each with its exact SQL, its safety and, where data is at stake, the
 * number of rows it affects. `sql` only reads (row counts); nothing is changed.
 */
export async function planMigration(
  entities: readonly EntityMetadata[],
  live: LiveSchema,
  sql: Sql,
): Promise<MigrationPlan> {
  const desired = desiredSchema(entities);
  const liveTables = new Map(live.tables.map((t) => [t.name, t]));
  const counter = new RowCounter(sql);
  const sameDefaults = await matchingDefaults(sql, desired, liveTables);
  const steps: MigrationStep[] = [];

  for (const table of desired) {
    const current = liveTables.get(table.name);
    if (current) {
      steps.push(
        ...(await planColumns(table, current, {
          counter,
          sameDefault: (t, c) => sameDefaults.has(`${t}.${c}`),
        })),
        ...dropStaleForeignKeys(current, table),
        ...dropStaleIndexes(current, table),
      );
    } else {
      steps.push(createTable(table));
    }
    steps.push(...(await addForeignKeys(table, current, liveTables, counter)));
    steps.push(...(await createIndexes(table, current, counter)));
  }

  const kept = new Set(desired.map((t) => t.name));
  for (const table of live.tables) {
    if (kept.has(table.name)) continue;
    steps.push(...dropStaleForeignKeys(table, undefined), await dropTable(table, counter));
  }
  return toPlan(steps);
}

function createTable(table: DesiredTable): MigrationStep {
  const columns = table.columns.map(columnDefinition);
  const primaryKey = `constraint ${quoteIdent(boundedName(table.name, 'pkey'))} primary key ("id")`;
  return {
    action: 'createTable',
    table: table.name,
    entity: table.entity,
    safety: 'safe',
    sql: [`create table ${quoteIdent(table.name)} (${[...columns, primaryKey].join(', ')})`],
    reason: {
      ja: `エンティティ「${table.entity}」のテーブルを作成します。`,
      en: `Create the table of entity ${table.entity}.`,
    },
  };
}

async function dropTable(table: LiveTable, counter: RowCounter): Promise<MigrationStep> {
  const rows = await counter.total(table.name);
  return {
    action: 'dropTable',
    table: table.name,
    safety: 'destructive',
    sql: [`drop table ${quoteIdent(table.name)}`],
    affectedRows: rows,
    reason: {
      ja: `テーブル「${table.name}」に対応するエンティティがないため、テーブルと ${rows} 件のレコードを削除します。`,
      en: `No entity maps to table ${table.name} any more; the table and its ${rows} records are dropped.`,
    },
  };
}

/** `table.column` keys of kept columns whose live default already equals the desired one. */
async function matchingDefaults(
  sql: Sql,
  desired: readonly DesiredTable[],
  liveTables: ReadonlyMap<string, LiveTable>,
): Promise<Set<string>> {
  const same = new Set<string>();
  const toAsk: { key: string; pair: DefaultPair }[] = [];
  for (const table of desired) {
    const live = liveTables.get(table.name);
    for (const column of table.columns) {
      const current = live?.columns.find((c) => c.name === column.name);
      if (!current || current.default === null || column.default === undefined) continue;
      if (!sameColumnType(current.type, column.type)) continue;
      const key = `${table.name}.${column.name}`;
      if (sameDefaultText(current.default, column.default)) same.add(key);
      else toAsk.push({ key, pair: { live: current.default, desired: column.default, type: column.type } });
    }
  }
  const answers = await defaultsMatch(
    sql,
    toAsk.map((a) => a.pair),
  );
  toAsk.forEach((a, i) => {
    if (answers[i]) same.add(a.key);
  });
  return same;
}
