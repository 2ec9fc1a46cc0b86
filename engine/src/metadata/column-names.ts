import type { FieldDefinition } from './types.ts';

/**
 * Database column names as the data layer derives them (data/naming.ts): validation has to
 * foresee them to refuse two fields that would land in the same column. Keep both in step.
 */

/** The system properties and their columns; every entity table has them. */
export const SYSTEM_COLUMNS: Record<string, string> = {
  id: 'id',
  version: 'version',
  owner: 'owner_id',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
};

/** `birthDate` → `birth_date`, `HTTPServer` → `http_server`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** The column of a stored field; a reference holds the target's id, hence `<name>_id`. */
export function columnNameOf(field: Pick<FieldDefinition, 'name' | 'type'>): string {
  const base = snakeCase(field.name);
  return field.type === 'reference' ? `${base}_id` : base;
}
