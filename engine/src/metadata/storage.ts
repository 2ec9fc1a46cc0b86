import type { FieldDefinition } from './types.ts';

/**
 * How the language stores fields: the defaults a field gets when its metadata says nothing,
 * and the column names it lands in. Validation and the data layer both read them from here,
 * so a value the record schema accepts always fits its column.
 */
export const STORAGE_DEFAULTS = {
  stringMaxLength: 255,
  emailMaxLength: 254,
  enumMaxLength: 64,
  integerMin: -2_147_483_648,
  integerMax: 2_147_483_647,
  decimalPrecision: 18,
  decimalScale: 2,
} as const;

/** The system properties and their columns; every entity table has them. */
export const SYSTEM_COLUMN_NAMES = {
  id: 'id',
  version: 'version',
  owner: 'owner_id',
  createdAt: 'created_at',
  updatedAt: 'updated_at',
} as const;

/** `birthDate` → `birth_date`, `LibraryCard` → `library_card`, `HTTPServer` → `http_server`. */
export function snakeCase(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z])([A-Z][a-z])/g, '$1_$2')
    .toLowerCase();
}

/** The column of a stored field before length bounding; a reference holds the target's id, hence `<name>_id`. */
export function columnNameOf(field: Pick<FieldDefinition, 'name' | 'type'>): string {
  const base = snakeCase(field.name);
  return field.type === 'reference' ? `${base}_id` : base;
}
