import { randomUUID } from 'node:crypto';
import { EntitySchema, type EventArgs, type PropertyOptions } from '@mikro-orm/postgresql';
import { STORAGE_DEFAULTS } from '../metadata/storage.ts';
import type { EntityMetadata, FieldDefinition } from '../metadata/types.ts';
import { columnTypeOf, defaultLiteral, formatColumnType, isNullable } from './column-types.ts';
import { IsoDateTimeType } from './iso-datetime-type.ts';
import { columnName, SYSTEM_COLUMN_NAMES, tableName } from './naming.ts';
import { canonicalDate, canonicalDateTime, canonicalDecimal } from './values.ts';

/** A record as the API sees it: property names are field names and system property names. */
export type ApiRecord = Record<string, unknown>;

type Property = PropertyOptions<ApiRecord> & Record<string, unknown>;

/**
 * One MikroORM EntitySchema per entity, over the tables the migration planner creates.
 * Values come back API-shaped: decimals and dates as strings, datetimes as UTC ISO strings,
 * json as parsed JSON, references as the target's id.
 */
export function toEntitySchemas(entities: readonly EntityMetadata[]): EntitySchema<ApiRecord>[] {
  return entities.map(toEntitySchema);
}

export function toEntitySchema(entity: EntityMetadata): EntitySchema<ApiRecord> {
  const now = () => new Date().toISOString();
  const properties: Record<string, Property> = {
    id: { type: 'uuid', primary: true, onCreate: () => randomUUID() },
    version: { type: 'integer', version: true },
    owner: { type: 'uuid', fieldName: SYSTEM_COLUMN_NAMES.owner, nullable: true },
    createdAt: { type: IsoDateTimeType, fieldName: SYSTEM_COLUMN_NAMES.createdAt, onCreate: now },
    updatedAt: { type: IsoDateTimeType, fieldName: SYSTEM_COLUMN_NAMES.updatedAt, onCreate: now, onUpdate: now },
  };
  for (const field of entity.fields) {
    const property = fieldProperty(field);
    if (property) properties[field.name] = property;
  }
  const canonicalize = recordCanonicalizer(entity.fields);
  const hook = ({ entity: row }: EventArgs<ApiRecord>) => canonicalize(row);
  return new EntitySchema<ApiRecord>({
    name: entity.name,
    tableName: tableName(entity.name),
    properties: properties as never,
    hooks: { beforeCreate: [hook], beforeUpdate: [hook] },
  });
}

function fieldProperty(field: FieldDefinition): Property | undefined {
  const column = columnTypeOf(field);
  if (!column) return undefined;
  const common: Property = {
    type: mikroType(field),
    fieldName: columnName(field),
    columnType: formatColumnType(column),
    nullable: isNullable(field),
  };
  if (column.length !== undefined) common.length = column.length;
  if (column.precision !== undefined) common.precision = column.precision;
  if (column.scale !== undefined) common.scale = column.scale;
  const literal = defaultLiteral(field);
  // With a raw default MikroORM reads the value back (`returning`), so a new record holds it at once.
  if (literal !== undefined) common.defaultRaw = literal;
  return common;
}

function mikroType(field: FieldDefinition): Property['type'] {
  switch (field.type) {
    case 'text':
      return 'text';
    case 'integer':
      return 'integer';
    case 'decimal':
      return 'decimal';
    case 'boolean':
      return 'boolean';
    case 'date':
      return 'date';
    case 'datetime':
      return IsoDateTimeType;
    case 'json':
    case 'file':
      return 'json';
    case 'reference':
      return 'uuid';
    default:
      return 'string';
  }
}

/**
 * Values written in another spelling (a Date, `2024-01-01T09:00+09:00`, the number 12.5) are
 * stored correctly either way; this makes the record in memory match what a read returns.
 */
export function recordCanonicalizer(fields: readonly FieldDefinition[]): (row: ApiRecord) => void {
  const converters: [string, (value: unknown) => string | undefined][] = [];
  for (const field of fields) {
    if (field.type === 'date') converters.push([field.name, canonicalDate]);
    if (field.type === 'datetime') converters.push([field.name, canonicalDateTime]);
    if (field.type === 'decimal')
      converters.push([field.name, (v) => canonicalDecimal(v, field.scale ?? STORAGE_DEFAULTS.decimalScale)]);
  }
  return (row) => {
    for (const [name, convert] of converters) {
      const value = row[name];
      if (value === null || value === undefined) continue;
      const canonical = convert(value);
      if (canonical !== undefined) row[name] = canonical;
    }
  };
}
