import type { EntityMetadata, FieldDefinition } from '../metadata/types.ts';

/** Metadata fixtures for the data layer's tests. */

export function field(
  name: string,
  type: FieldDefinition['type'],
  extra: Partial<FieldDefinition> = {},
): FieldDefinition {
  return { name, type, label: { ja: name }, ...extra };
}

export function entity(name: string, fields: FieldDefinition[], extra: Partial<EntityMetadata> = {}): EntityMetadata {
  return { kind: 'entity', name, label: { ja: name }, fields, ...extra };
}

export const branch = entity('Branch', [field('name', 'string', { required: true, maxLength: 100 })]);

/** One field of every type, with defaults, constraints and a reference. */
export const libraryCard = entity(
  'LibraryCard',
  [
    field('holderName', 'string', { required: true, maxLength: 80, indexed: true }),
    field('notes', 'text'),
    field('loans', 'integer', { default: 0, required: true }),
    field('deposit', 'decimal', { precision: 10, scale: 2, default: 0 }),
    field('active', 'boolean', { default: true }),
    field('birthDate', 'date'),
    field('issuedAt', 'datetime'),
    field('status', 'enum', {
      default: 'open',
      values: [
        { value: 'open', label: { ja: '有効' } },
        { value: 'closed', label: { ja: '停止' } },
      ],
    }),
    field('email', 'email', { unique: true }),
    field('phone', 'phone'),
    field('postalCode', 'postalCode'),
    field('holderKana', 'kana', { maxLength: 120 }),
    field('preferences', 'json', { default: { language: 'ja' } }),
    field('branch', 'reference', { target: 'Branch' }),
    field('history', 'collection', { target: 'Loan', inverse: 'card' }),
  ],
  { indexes: [{ fields: ['branch', 'holderName'], unique: true }] },
);
