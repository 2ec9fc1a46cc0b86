import { describe, expect, it } from 'vitest';
import type { FieldDefinition } from '../metadata/types.ts';
import { defaultLiteral, fieldColumn, formatColumnType } from './column-types.ts';
import { field } from './test-entities.ts';

const typeOf = (definition: FieldDefinition) => {
  const column = fieldColumn(definition);
  return column && formatColumnType(column.type);
};

describe('column types', () => {
  it('maps every field type to its column type', () => {
    expect(typeOf(field('a', 'string'))).toBe('varchar(255)');
    expect(typeOf(field('a', 'string', { maxLength: 40 }))).toBe('varchar(40)');
    expect(typeOf(field('a', 'text'))).toBe('text');
    expect(typeOf(field('a', 'integer'))).toBe('integer');
    expect(typeOf(field('a', 'decimal'))).toBe('numeric(18,2)');
    expect(typeOf(field('a', 'decimal', { precision: 9, scale: 0 }))).toBe('numeric(9,0)');
    expect(typeOf(field('a', 'boolean'))).toBe('boolean');
    expect(typeOf(field('a', 'date'))).toBe('date');
    expect(typeOf(field('a', 'datetime'))).toBe('timestamptz(3)');
    expect(typeOf(field('a', 'enum'))).toBe('varchar(64)');
    expect(typeOf(field('a', 'email'))).toBe('varchar(254)');
    expect(typeOf(field('a', 'phone'))).toBe('varchar(20)');
    expect(typeOf(field('a', 'postalCode'))).toBe('varchar(7)');
    expect(typeOf(field('a', 'kana', { maxLength: 100 }))).toBe('varchar(100)');
    expect(typeOf(field('a', 'json'))).toBe('jsonb');
    expect(typeOf(field('a', 'reference', { target: 'Branch' }))).toBe('uuid');
    expect(fieldColumn(field('a', 'collection', { target: 'Branch' }))).toBeUndefined();
  });

  it('derives nullability and the referenced table', () => {
    expect(fieldColumn(field('branch', 'reference', { target: 'LibraryBranch', required: true }))).toEqual({
      name: 'branch_id',
      property: 'branch',
      type: { base: 'uuid' },
      nullable: false,
      references: 'app_library_branch',
    });
  });

  it('renders defaults as escaped SQL literals', () => {
    expect(defaultLiteral(field('a', 'string', { default: "O'Hare; drop table x; --" }))).toBe(
      "'O''Hare; drop table x; --'",
    );
    expect(defaultLiteral(field('a', 'text', { default: 'back\\slash' }))).toBe("'back\\slash'");
    expect(defaultLiteral(field('a', 'integer', { default: -5 }))).toBe('-5');
    expect(defaultLiteral(field('a', 'decimal', { default: 1.005, scale: 2 }))).toBe('1.00');
    expect(defaultLiteral(field('a', 'decimal', { default: '12.345', scale: 2 }))).toBe('12.35');
    expect(defaultLiteral(field('a', 'boolean', { default: false }))).toBe('false');
    expect(defaultLiteral(field('a', 'date', { default: '2024-02-29' }))).toBe("'2024-02-29'");
    expect(defaultLiteral(field('a', 'datetime', { default: '2024-04-01T09:00:00+09:00' }))).toBe(
      "'2024-04-01T00:00:00.000Z'",
    );
    expect(defaultLiteral(field('a', 'json', { default: { q: "it's" } }))).toBe(`'{"q":"it''s"}'::jsonb`);
    expect(defaultLiteral(field('a', 'string'))).toBeUndefined();
  });

  it('refuses defaults of the wrong type', () => {
    const bad: [FieldDefinition['type'], unknown][] = [
      ['integer', '1; drop table x'],
      ['integer', 1.5],
      ['integer', Number.POSITIVE_INFINITY],
      ['decimal', Number.NaN],
      ['decimal', '1e5'],
      ['decimal', '1); drop table x; --'],
      ['boolean', 'true'],
      ['date', '2023-02-29'],
      ['datetime', '2024-04-01T09:00:00'],
      ['reference', "x' or 1=1"],
      ['string', 12],
      ['string', 'nul\0char'],
    ];
    for (const [type, value] of bad) {
      expect(
        () => defaultLiteral(field('a', type, { default: value, target: 'X' })),
        `${type} ${String(value)}`,
      ).toThrow();
    }
    expect(() =>
      defaultLiteral(field('a', 'enum', { default: 'lost', values: [{ value: 'open', label: { ja: '有効' } }] })),
    ).toThrow();
  });
});
