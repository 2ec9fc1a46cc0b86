import type { EntityMetadata } from '../metadata/types.ts';
import { type ColumnSpec, fieldColumn, SYSTEM_COLUMNS } from './column-types.ts';
import type { LocalizedText } from './migration-plan.ts';
import { foreignKeyName, indexName, tableName } from './naming.ts';

export interface DesiredIndex {
  name: string;
  columns: string[];
  unique: boolean;
  /** Why the engine adds an index no field declares. */
  reason?: LocalizedText;
}

export interface DesiredForeignKey {
  name: string;
  column: string;
  /** API name of the reference field. */
  field: string;
  referencedTable: string;
}

/** What the metadata says one entity's table must look like. */
export interface DesiredTable {
  name: string;
  entity: string;
  columns: ColumnSpec[];
  indexes: DesiredIndex[];
  foreignKeys: DesiredForeignKey[];
}

export function desiredSchema(entities: readonly EntityMetadata[]): DesiredTable[] {
  const tables = entities.map(desiredTable);
  assertUnique(
    tables.map((t) => t.name),
    (name) => `Two entities map to table ${name}`,
  );
  const names = new Set(tables.map((t) => t.name));
  for (const table of tables) {
    for (const fk of table.foreignKeys) {
      if (!names.has(fk.referencedTable)) {
        throw new Error(`Entity ${table.entity}: field ${fk.field} refers to an entity that is not published`);
      }
    }
  }
  return tables;
}

export function desiredTable(entity: EntityMetadata): DesiredTable {
  const table = tableName(entity.name);
  const columns: ColumnSpec[] = [...SYSTEM_COLUMNS];
  for (const field of entity.fields) {
    const column = fieldColumn(field);
    if (column) columns.push(column);
  }
  // `branchId` and a reference `branch` both become `branch_id`; metadata validation should
  // stop that, but two fields silently sharing a column would corrupt data.
  assertUnique(
    columns.map((c) => c.name),
    (name) => `Entity ${entity.name}: two properties map to column ${name}`,
  );
  const columnOf = (fieldName: string): string => {
    const column = columns.find((c) => c.property === fieldName);
    if (!column) throw new Error(`Entity ${entity.name}: index field ${fieldName} has no column`);
    return column.name;
  };

  const indexes = new Map<string, DesiredIndex>();
  const addIndex = (fieldNames: string[], unique: boolean, reason?: LocalizedText) => {
    const cols = fieldNames.map(columnOf);
    const name = indexName(table, cols, unique);
    indexes.set(name, { name, columns: cols, unique, ...(reason ? { reason } : {}) });
  };
  for (const field of entity.fields) {
    if (field.type === 'collection') continue;
    if (field.unique) addIndex([field.name], true);
    else if (field.indexed) addIndex([field.name], false);
  }
  for (const index of entity.indexes ?? []) addIndex(index.fields, index.unique === true);
  // A resident's own records are found by their owner, and the own-records row policies
  // filter on it; without an index each of those reads scans the whole table.
  addIndex(['owner'], false, OWNER_INDEX_REASON);

  const foreignKeys: DesiredForeignKey[] = columns
    .filter((c) => c.references !== undefined)
    .map((c) => ({
      name: foreignKeyName(table, c.name),
      column: c.name,
      field: c.property,
      referencedTable: c.references as string,
    }));

  return { name: table, entity: entity.name, columns, indexes: [...indexes.values()], foreignKeys };
}

const OWNER_INDEX_REASON: LocalizedText = {
  ja: 'レコードの所有者（owner_id）にインデックスを作成します。住民本人のレコードの検索と本人のみの行ポリシーに使います。',
  en: "Index each record's owner (owner_id): a resident's own records and the own-records row policies are found by it.",
};

function assertUnique(names: string[], message: (name: string) => string): void {
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw new Error(message(name));
    seen.add(name);
  }
}
