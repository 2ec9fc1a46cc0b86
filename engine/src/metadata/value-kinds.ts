import type { FieldType } from './types.ts';

/** How values of a field type compare, filter and sort — shared by filters and both rule interpreters. */
export type ValueKind = 'text' | 'integer' | 'decimal' | 'boolean' | 'date' | 'datetime' | 'json' | 'uuid';

export const VALUE_KINDS: Record<Exclude<FieldType, 'collection'>, ValueKind> = {
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
  file: 'json',
};
