import type { DesiredForeignKey, DesiredIndex, DesiredTable } from './desired-schema.ts';
import type { LiveForeignKey, LiveIndex, LiveTable } from './introspect.ts';
import type { MigrationStep } from './migration-plan.ts';
import { quoteIdent } from './naming.ts';
import type { RowCounter } from './row-counts.ts';

/** Live foreign keys the metadata no longer declares exactly like this; `desired` is absent for a dropped table. */
export function dropStaleForeignKeys(live: LiveTable, desired: DesiredTable | undefined): MigrationStep[] {
  return live.foreignKeys
    .filter((fk) => !desired?.foreignKeys.some((d) => sameForeignKey(d, fk)))
    .map((fk) => ({
      action: 'dropForeignKey',
      table: live.name,
      entity: desired?.entity,
      column: fk.columns.join(', '),
      safety: 'safe',
      sql: [`alter table ${quoteIdent(live.name)} drop constraint ${quoteIdent(fk.name)}`],
      reason: {
        ja: `参照制約「${fk.name}」を外します（参照の削除・変更のため）。`,
        en: `Drop foreign key ${fk.name}; the reference was removed or changed.`,
      },
    }));
}

/** Live indexes of a kept table that the metadata no longer declares exactly like this. */
export function dropStaleIndexes(live: LiveTable, desired: DesiredTable): MigrationStep[] {
  return live.indexes
    .filter((index) => !index.primary && !desired.indexes.some((d) => sameIndex(d, index)))
    .map((index) => ({
      action: 'dropIndex',
      table: live.name,
      entity: desired.entity,
      column: index.columns.join(', '),
      safety: 'safe',
      sql: [
        index.constraint
          ? `alter table ${quoteIdent(live.name)} drop constraint ${quoteIdent(index.name)}`
          : `drop index ${quoteIdent(index.name)}`,
      ],
      reason: {
        ja: `インデックス「${index.name}」を外します（定義の削除・変更のため）。`,
        en: `Drop index ${index.name}; it was removed or changed.`,
      },
    }));
}

/**
 * New foreign keys. They are checked at commit: references are scalar properties to MikroORM,
 * so its unit of work does not order inserts by them, and a record and the record it refers
 * to may be inserted in either order within one flush. Deletes are still restricted at once.
 *
 * Existing values that point nowhere would make the constraint fail, so
 * such a step is blocked with their count.
 */
export async function addForeignKeys(
  desired: DesiredTable,
  live: LiveTable | undefined,
  liveTables: ReadonlyMap<string, LiveTable>,
  counter: RowCounter,
): Promise<MigrationStep[]> {
  const steps: MigrationStep[] = [];
  for (const fk of desired.foreignKeys) {
    if (live?.foreignKeys.some((l) => sameForeignKey(fk, l))) continue;
    const step: MigrationStep = {
      action: 'addForeignKey',
      table: desired.name,
      entity: desired.entity,
      column: fk.column,
      field: fk.field,
      safety: 'safe',
      sql: [
        `alter table ${quoteIdent(desired.name)} add constraint ${quoteIdent(fk.name)} foreign key (${quoteIdent(fk.column)}) references ${quoteIdent(fk.referencedTable)} ("id") on delete restrict deferrable initially deferred`,
      ],
      reason: {
        ja: `フィールド「${fk.field}」の参照制約を追加します。`,
        en: `Add the foreign key of reference field ${fk.field}.`,
      },
    };
    const orphans = await countOrphans(fk, live, liveTables, counter);
    if (orphans > 0) {
      step.blocked = {
        ja: `フィールド「${fk.field}」の ${orphans} 件の値が存在しないレコードを指しています。先に修正してください。`,
        en: `${orphans} values of field ${fk.field} point at records that do not exist; correct them first.`,
      };
    }
    steps.push(step);
  }
  return steps;
}

/**
 * New indexes. A unique index over values that already repeat cannot be built, so such a
 * step is blocked with the number of rows involved.
 */
export async function createIndexes(
  desired: DesiredTable,
  live: LiveTable | undefined,
  counter: RowCounter,
): Promise<MigrationStep[]> {
  const steps: MigrationStep[] = [];
  for (const index of desired.indexes) {
    if (live?.indexes.some((l) => sameIndex(index, l))) continue;
    const fields = index.columns.map((c) => desired.columns.find((d) => d.name === c)?.property ?? c);
    const step: MigrationStep = {
      action: 'createIndex',
      table: desired.name,
      entity: desired.entity,
      column: index.columns.join(', '),
      field: fields.join(', '),
      safety: 'safe',
      sql: [
        `create ${index.unique ? 'unique ' : ''}index ${quoteIdent(index.name)} on ${quoteIdent(desired.name)} (${index.columns.map(quoteIdent).join(', ')})`,
      ],
      reason:
        index.reason ??
        (index.unique
          ? { ja: `「${fields.join('・')}」を一意にします。`, en: `Make ${fields.join(', ')} unique.` }
          : { ja: `「${fields.join('・')}」にインデックスを作成します。`, en: `Index ${fields.join(', ')}.` }),
    };
    const duplicates = index.unique && live ? await countDuplicates(desired, index, live, counter) : 0;
    if (duplicates > 0) {
      step.blocked = {
        ja: `${duplicates} 件のレコードで「${fields.join('・')}」の値が重複しているため一意にできません。先に重複を解消してください。`,
        en: `${duplicates} records share their values of ${fields.join(', ')}, so it cannot be made unique; resolve the duplicates first.`,
      };
    }
    steps.push(step);
  }
  return steps;
}

async function countOrphans(
  fk: DesiredForeignKey,
  live: LiveTable | undefined,
  liveTables: ReadonlyMap<string, LiveTable>,
  counter: RowCounter,
): Promise<number> {
  // A column added by this plan holds only its default (references have none) or NULL.
  if (!live?.columns.some((c) => c.name === fk.column)) return 0;
  if (liveTables.has(fk.referencedTable)) return counter.orphans(live.name, fk.column, fk.referencedTable);
  return counter.count(live.name, { where: `${quoteIdent(fk.column)} is not null`, params: [] });
}

async function countDuplicates(
  desired: DesiredTable,
  index: DesiredIndex,
  live: LiveTable,
  counter: RowCounter,
): Promise<number> {
  const existing = index.columns.filter((c) => live.columns.some((l) => l.name === c));
  const added = index.columns.filter((c) => !existing.includes(c));
  // A new column starts as its default in every row; without one it is NULL, and NULLs never collide.
  if (added.some((c) => desired.columns.find((d) => d.name === c)?.default === undefined)) return 0;
  if (existing.length > 0) return counter.duplicates(live.name, existing);
  const rows = await counter.total(live.name);
  return rows > 1 ? rows : 0;
}

function sameForeignKey(desired: DesiredForeignKey, live: LiveForeignKey): boolean {
  return (
    desired.name === live.name &&
    live.columns.length === 1 &&
    live.columns[0] === desired.column &&
    live.referencedTable === desired.referencedTable &&
    live.referencedColumns.length === 1 &&
    live.referencedColumns[0] === 'id' &&
    live.onDelete === 'restrict' &&
    live.deferred
  );
}

function sameIndex(desired: DesiredIndex, live: LiveIndex): boolean {
  return (
    desired.name === live.name &&
    !live.special &&
    !live.primary &&
    live.unique === desired.unique &&
    live.columns.length === desired.columns.length &&
    live.columns.every((c, i) => c === desired.columns[i])
  );
}
