import type { EntityMetadata } from '../metadata/types.ts';
import { VALUE_KINDS, type ValueKind } from '../metadata/value-kinds.ts';

/** How a property behaves in filters and sorts; collections can do neither. */
export type QueryKind = ValueKind | 'collection';

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

/** The properties a filter or sort may name: the system properties and the entity's fields. */
export function queryFields(entity: EntityMetadata): Map<string, QueryField> {
  const fields = new Map(SYSTEM_FIELDS.map((f) => [f.name, f]));
  for (const field of entity.fields) {
    const query: QueryField = {
      name: field.name,
      kind: field.type === 'collection' ? 'collection' : VALUE_KINDS[field.type],
      nullable: !field.required,
    };
    if (field.type === 'enum' && field.values) query.values = field.values.map((v) => v.value);
    fields.set(field.name, query);
  }
  return fields;
}
