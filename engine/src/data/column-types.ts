import { STORAGE_DEFAULTS } from '../metadata/storage.ts';
import type { FieldDefinition } from '../metadata/types.ts';
import { columnName, SYSTEM_COLUMN_NAMES, tableName } from './naming.ts';
import { decimalLiteral, integerLiteral, jsonbLiteral, stringLiteral } from './sql-literals.ts';
import { canonicalDate, canonicalDateTime, canonicalDecimal, canonicalUuid } from './values.ts';

/** A PostgreSQL column type, structured so the planner can compare lengths and precisions. */
export interface ColumnType {
  /** Short PostgreSQL name: varchar, text, integer, bigint, numeric, boolean, date, timestamptz, jsonb, uuid, … */
  base: string;
  length?: number;
  precision?: number;
  scale?: number;
}

export interface ColumnSpec {
  name: string;
  type: ColumnType;
  nullable: boolean;
  /** SQL expression, already rendered safely. */
  default?: string;
  /** The API name: a field name or a system property. */
  property: string;
  /** Table whose `id` this column references. */
  references?: string;
}

/**
 * Datetimes keep milliseconds, the precision of a JavaScript Date and of the API's ISO
 * strings: a value read back compares equal to the stored one, which keyset cursors rely on.
 */
export const DATETIME_PRECISION = 3;
const DATETIME: ColumnType = { base: 'timestamptz', precision: DATETIME_PRECISION };

/** The columns every entity table has, in table order. */
export const SYSTEM_COLUMNS: readonly ColumnSpec[] = [
  { name: SYSTEM_COLUMN_NAMES.id, property: 'id', type: { base: 'uuid' }, nullable: false },
  { name: SYSTEM_COLUMN_NAMES.version, property: 'version', type: { base: 'integer' }, nullable: false, default: '1' },
  { name: SYSTEM_COLUMN_NAMES.owner, property: 'owner', type: { base: 'uuid' }, nullable: true },
  { name: SYSTEM_COLUMN_NAMES.createdAt, property: 'createdAt', type: DATETIME, nullable: false, default: 'now()' },
  { name: SYSTEM_COLUMN_NAMES.updatedAt, property: 'updatedAt', type: DATETIME, nullable: false, default: 'now()' },
];

const TEXT_LIKE_TYPES = new Set(['string', 'text', 'enum', 'email', 'phone', 'postalCode', 'kana']);

export function columnTypeOf(field: FieldDefinition): ColumnType | undefined {
  switch (field.type) {
    case 'string':
    case 'kana':
      return { base: 'varchar', length: field.maxLength ?? STORAGE_DEFAULTS.stringMaxLength };
    case 'text':
      return { base: 'text' };
    case 'integer':
      return { base: 'integer' };
    case 'decimal':
      return {
        base: 'numeric',
        precision: field.precision ?? STORAGE_DEFAULTS.decimalPrecision,
        scale: field.scale ?? STORAGE_DEFAULTS.decimalScale,
      };
    case 'boolean':
      return { base: 'boolean' };
    case 'date':
      return { base: 'date' };
    case 'datetime':
      return DATETIME;
    case 'enum':
      return { base: 'varchar', length: STORAGE_DEFAULTS.enumMaxLength };
    case 'email':
      return { base: 'varchar', length: STORAGE_DEFAULTS.emailMaxLength };
    case 'phone':
      return { base: 'varchar', length: 20 };
    case 'postalCode':
      return { base: 'varchar', length: 7 };
    case 'json':
      return { base: 'jsonb' };
    case 'reference':
      return { base: 'uuid' };
    case 'file':
      return { base: 'jsonb' };
    case 'collection':
      return undefined;
  }
}

/** A record exists before its files are uploaded, so a file field allows null even when required. */
export function isNullable(field: FieldDefinition): boolean {
  return !field.required || field.type === 'file';
}

/** The column a field is stored in; collections live on the other side and have none. */
export function fieldColumn(field: FieldDefinition): ColumnSpec | undefined {
  const type = columnTypeOf(field);
  if (!type) return undefined;
  const spec: ColumnSpec = { name: columnName(field), property: field.name, type, nullable: isNullable(field) };
  const literal = defaultLiteral(field);
  if (literal !== undefined) spec.default = literal;
  if (field.type === 'reference') {
    if (!field.target) throw new Error(`Reference field ${field.name} has no target`);
    spec.references = tableName(field.target);
  }
  return spec;
}

/** `varchar(255)`, `numeric(18,2)`, `timestamptz(3)`, `text`. */
export function formatColumnType(type: ColumnType): string {
  if (!/^[a-z][a-z0-9 ]*$/.test(type.base)) throw new Error(`Invalid column type ${JSON.stringify(type.base)}`);
  if (type.length !== undefined) return `${type.base}(${integerLiteral(type.length)})`;
  if (type.precision === undefined) return type.base;
  if (type.scale === undefined) return `${type.base}(${integerLiteral(type.precision)})`;
  return `${type.base}(${integerLiteral(type.precision)},${integerLiteral(type.scale)})`;
}

export function sameColumnType(a: ColumnType, b: ColumnType): boolean {
  return formatColumnType(a) === formatColumnType(b);
}

/**
 * The field's default as an SQL literal, or undefined when it has none. Metadata is validated
 * before it gets here, but a default still goes into DDL, so every value is checked again.
 */
export function defaultLiteral(field: FieldDefinition): string | undefined {
  const value = field.default;
  if (value === undefined || value === null || field.type === 'collection') return undefined;
  const invalid = () => new Error(`Invalid default for ${field.type} field ${field.name}: ${JSON.stringify(value)}`);
  if (TEXT_LIKE_TYPES.has(field.type)) {
    if (typeof value !== 'string') throw invalid();
    if (field.type === 'enum' && field.values && !field.values.some((v) => v.value === value)) throw invalid();
    return stringLiteral(value);
  }
  switch (field.type) {
    case 'integer':
      if (typeof value !== 'number') throw invalid();
      return integerLiteral(value);
    case 'decimal': {
      const decimal = canonicalDecimal(value, field.scale ?? STORAGE_DEFAULTS.decimalScale);
      if (decimal === undefined) throw invalid();
      return decimalLiteral(decimal);
    }
    case 'boolean':
      if (typeof value !== 'boolean') throw invalid();
      return value ? 'true' : 'false';
    case 'date':
      return stringLiteral(canonicalDate(value) ?? throwError(invalid()));
    case 'datetime':
      return stringLiteral(canonicalDateTime(value) ?? throwError(invalid()));
    case 'reference':
      return stringLiteral(canonicalUuid(value) ?? throwError(invalid()));
    case 'json':
      return jsonbLiteral(value);
    default:
      throw invalid();
  }
}

function throwError(error: Error): never {
  throw error;
}
