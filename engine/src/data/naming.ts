import { createHash } from 'node:crypto';
import { columnNameOf, SYSTEM_COLUMN_NAMES, snakeCase } from '../metadata/storage.ts';
import type { FieldDefinition } from '../metadata/types.ts';

export { SYSTEM_COLUMN_NAMES, snakeCase };

/** Tables the app's metadata owns. System tables are `kiban_%` and the planner never touches them. */
export const APP_TABLE_PREFIX = 'app_';

/** PostgreSQL silently truncates longer identifiers, which would make two names collide. */
export const MAX_IDENTIFIER_LENGTH = 63;

const IDENTIFIER = /^[a-z_][a-z0-9_]*$/;
const ENTITY_NAME = /^[A-Z][A-Za-z0-9]{0,62}$/;
const FIELD_NAME = /^[a-z][A-Za-z0-9]{0,62}$/;

/**
 * The one way an identifier enters SQL. Identifiers are derived from pattern-checked metadata
 * names; anything else is a programming error and must never reach the database.
 */
export function quoteIdent(name: string): string {
  if (!IDENTIFIER.test(name) || name.length > MAX_IDENTIFIER_LENGTH) {
    throw new Error(`Refusing to use ${JSON.stringify(name)} as an SQL identifier`);
  }
  return `"${name}"`;
}

/**
 * Appends `suffix` and keeps the result within PostgreSQL's identifier length: a long name
 * keeps a readable prefix and gains a hash of the full name, so it stays unique and stable.
 */
export function boundedName(base: string, suffix = ''): string {
  const full = suffix ? `${base}_${suffix}` : base;
  if (full.length <= MAX_IDENTIFIER_LENGTH) return full;
  const hash = createHash('sha256').update(full).digest('hex').slice(0, 8);
  const tail = suffix ? `_${hash}_${suffix}` : `_${hash}`;
  return `${base.slice(0, MAX_IDENTIFIER_LENGTH - tail.length)}${tail}`;
}

export function tableName(entityName: string): string {
  if (!ENTITY_NAME.test(entityName)) throw new Error(`Invalid entity name ${JSON.stringify(entityName)}`);
  return boundedName(`${APP_TABLE_PREFIX}${snakeCase(entityName)}`);
}

/** The column of a field; reference fields hold the target's id, hence `<name>_id`. */
export function columnName(field: Pick<FieldDefinition, 'name' | 'type'>): string {
  if (!FIELD_NAME.test(field.name)) throw new Error(`Invalid field name ${JSON.stringify(field.name)}`);
  return boundedName(columnNameOf(field));
}

export function isAppTable(name: string): boolean {
  return name.startsWith(APP_TABLE_PREFIX);
}

export function indexName(table: string, columns: readonly string[], unique: boolean): string {
  return boundedName(`${table}_${columns.join('_')}`, unique ? 'uniq' : 'idx');
}

export function foreignKeyName(table: string, column: string): string {
  return boundedName(`${table}_${column}`, 'fkey');
}

/** `kiban_backup_<yyyymmddhhmmss>_<table>`: a system table, so the planner never drops it. */
export function backupTableName(table: string, at: Date): string {
  const stamp = at.toISOString().replace(/\D/g, '').slice(0, 14);
  return boundedName(`kiban_backup_${stamp}_${table}`);
}
