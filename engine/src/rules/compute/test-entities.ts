import type { ComputeExpression, EntityMetadata, FieldDefinition } from '../../metadata/types.ts';

const label = (name: string) => ({ ja: name, en: name });

/** A price list, lines that pick from it and an order that totals its lines: the shape of a city's fee form. */
export const priceItem: EntityMetadata = {
  kind: 'entity',
  name: 'PriceItem',
  label: label('PriceItem'),
  fields: [
    { name: 'title', type: 'string', label: label('title') },
    { name: 'fee', type: 'decimal', label: label('fee'), precision: 12, scale: 3 },
  ],
};

export const orderLine: EntityMetadata = {
  kind: 'entity',
  name: 'OrderLine',
  label: label('OrderLine'),
  fields: [
    { name: 'order', type: 'reference', label: label('order'), target: 'Order' },
    { name: 'item', type: 'reference', label: label('item'), target: 'PriceItem' },
    { name: 'quantity', type: 'integer', label: label('quantity') },
    { name: 'price', type: 'decimal', label: label('price'), precision: 12, scale: 3 },
    { name: 'servedOn', type: 'date', label: label('servedOn') },
  ],
};

/** An order whose fields are plain inputs; computed fields are added per test with `withComputed`. */
export const order: EntityMetadata = {
  kind: 'entity',
  name: 'Order',
  label: label('Order'),
  fields: [
    { name: 'familyName', type: 'string', label: label('familyName') },
    { name: 'givenName', type: 'string', label: label('givenName') },
    { name: 'birthDate', type: 'date', label: label('birthDate') },
    { name: 'orderedOn', type: 'date', label: label('orderedOn') },
    { name: 'discount', type: 'decimal', label: label('discount'), precision: 12, scale: 3 },
    { name: 'copies', type: 'integer', label: label('copies') },
    { name: 'lines', type: 'collection', label: label('lines'), target: 'OrderLine', inverse: 'order' },
  ],
};

/** A computed field of the given type and expression. */
export function computedField(
  name: string,
  type: FieldDefinition['type'],
  compute: ComputeExpression,
  extra: Partial<FieldDefinition> = {},
): FieldDefinition {
  return { name, type, label: label(name), compute, ...extra };
}

/** The entity with computed fields added. */
export function withComputed(entity: EntityMetadata, ...fields: FieldDefinition[]): EntityMetadata {
  return { ...entity, fields: [...entity.fields, ...fields] };
}
