import type { EntityMetadata, FieldDefinition } from '../metadata/types.ts';

/** How a property behaves in filters and sorts. */
export type QueryKind =
  | 'text'
  | 'integer'
  | 'decimal'
  | 'boolean'
  | 'date'
  | 'datetime'
  | 'uuid'
  | 'json'
  | 'collection';

export interface QueryField {
  /** The API name, which is also the MikroORM property name. */
  name: string;
  kind: QueryKind;
  /** False when every row has a value (system properties, required fields). */
  nullable: boolean;
  /** Enum fields: the allowed values. */
  values?: string[];
}

const SYSTEM_FIELDS: QueryField[] = [
  { name: 'id', kind: 'uuid', nullable: false },
  { name: 'version', kind: 'integer', nullable: false },
  { name: 'owner', kind: 'uuid', nullable: true },
  { name: 'createdAt', kind: 'datetime', nullable: false },
  { name: 'updatedAt', kind: 'datetime', nullable: false },
];

const KINDS: Record<FieldDefinition['type'], QueryKind> = {
  string: 'text',
  text: 'text',
  enum: 'text',
  email: 'text',
  phone: 'text',
  postalCode: 'text',
  kana: 'text',
  integer: 'integer',
  decimal: 'decimal',
  boolean: 'boolean',
  date: 'date',
  datetime: 'datetime',
  json: 'json',
  reference: 'uuid',
  collection: 'collection',
};

/** The properties a filter or sort may name: the system properties and the entity's fields. */
export function queryFields(entity: EntityMetadata): Map<string, QueryField> {
  const fields = new Map(SYSTEM_FIELDS.map((f) => [f.name, f]));
  for (const field of entity.fields) {
    const query: QueryField = { name: field.name, kind: KINDS[field.type], nullable: !field.required };
    if (field.type === 'enum' && field.values) query.values = field.values.map((v) => v.value);
    fields.set(field.name, query);
  }
  return fields;
}
