import { describe, expect, it } from 'vitest';
import {
  backupTableName,
  boundedName,
  columnName,
  foreignKeyName,
  indexName,
  isAppTable,
  quoteIdent,
  snakeCase,
  tableName,
} from './naming.ts';

describe('naming', () => {
  it('maps entities to app tables and fields to columns', () => {
    expect(tableName('LibraryCard')).toBe('app_library_card');
    expect(tableName('HTTPServer2Log')).toBe('app_http_server2_log');
    expect(columnName({ name: 'birthDate', type: 'date' })).toBe('birth_date');
    expect(columnName({ name: 'branch', type: 'reference' })).toBe('branch_id');
    expect(snakeCase('postalCode')).toBe('postal_code');
    expect(isAppTable('app_library_card')).toBe(true);
    expect(isAppTable('kiban_metadata')).toBe(false);
  });

  it('refuses names that are not valid metadata names', () => {
    expect(() => tableName("Card'; drop table x; --")).toThrow(/Invalid entity name/);
    expect(() => tableName('library')).toThrow(/Invalid entity name/);
    expect(() => columnName({ name: 'a b', type: 'string' })).toThrow(/Invalid field name/);
    expect(() => columnName({ name: '"x"', type: 'string' })).toThrow(/Invalid field name/);
  });

  it('quotes only plain lower-case identifiers', () => {
    expect(quoteIdent('app_library_card')).toBe('"app_library_card"');
    for (const bad of ['App', 'a"b', 'a b', '', '1abc', 'x'.repeat(64), "a';--"]) {
      expect(() => quoteIdent(bad)).toThrow(/Refusing/);
    }
  });

  it('names indexes and keys deterministically and keeps them within 63 characters', () => {
    expect(indexName('app_library_card', ['branch_id', 'holder_name'], true)).toBe(
      'app_library_card_branch_id_holder_name_uniq',
    );
    expect(indexName('app_library_card', ['email'], false)).toBe('app_library_card_email_idx');
    expect(foreignKeyName('app_library_card', 'branch_id')).toBe('app_library_card_branch_id_fkey');
    const long = indexName(
      'app_a_very_long_entity_name_for_testing',
      ['first_long_column', 'second_long_column'],
      false,
    );
    expect(long).toHaveLength(63);
    expect(long).toMatch(/^app_a_very_long_entity_name_for_testing_first_long_[0-9a-f]{8}_idx$/);
    expect(long).toBe(
      indexName('app_a_very_long_entity_name_for_testing', ['first_long_column', 'second_long_column'], false),
    );
    expect(long).not.toBe(
      indexName('app_a_very_long_entity_name_for_testing', ['first_long_column', 'second_long_columns'], false),
    );
    expect(tableName(`A${'b'.repeat(62)}`)).toHaveLength(63);
    expect(boundedName('short', 'idx')).toBe('short_idx');
  });

  it('names backups after the table and the moment', () => {
    expect(backupTableName('app_person', new Date('2026-11-24T10:20:30.456Z'))).toBe(
      'kiban_backup_20261124102030_app_person',
    );
  });
});
