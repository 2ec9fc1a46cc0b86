import { describe, expect, it } from 'vitest';
import { libraryCardItemsWith } from './library-card.fixture.ts';
import { checkSemantics } from './semantic-checks.ts';
import type { MetadataError, ViewMetadata } from './types.ts';

function errorsAfter(change: (view: ViewMetadata) => void): MetadataError[] {
  return checkSemantics(libraryCardItemsWith('view', 'open-applications', change));
}

describe('view checks', () => {
  it('requires the entity to exist', () => {
    const errors = errorsAfter((view) => {
      view.entity = 'Request';
    });
    expect(errors).toEqual([
      {
        kind: 'view',
        name: 'open-applications',
        pointer: '/entity',
        code: 'semantic.unknownEntity',
        message: {
          ja: 'entity に指定したエンティティ「Request」はありません。',
          en: 'entity names the entity "Request", which does not exist.',
        },
      },
    ]);
  });

  it('requires columns, filterable fields and sort fields to exist (system properties included)', () => {
    const errors = errorsAfter((view) => {
      view.columns.push({ field: 'updatedAt' }, { field: 'cardNo' });
      view.filterable?.push('owner', 'colour');
      view.sort?.push({ field: 'createdOn', direction: 'asc' });
    });
    expect(errors.map((error) => [error.pointer, error.code])).toEqual([
      ['/columns/5/field', 'semantic.unknownField'],
      ['/filterable/3', 'semantic.unknownField'],
      ['/sort/1/field', 'semantic.unknownField'],
    ]);
    expect(errors[2].message).toEqual({
      ja: 'エンティティ「Application」にフィールド「createdOn」はありません。もしかして「createdAt」ですか？',
      en: 'The entity "Application" has no field "createdOn". Did you mean "createdAt"?',
    });
  });

  it('refuses a column shown twice', () => {
    const errors = errorsAfter((view) => {
      view.columns.push({ field: 'status', label: { ja: '状況' } });
    });
    expect(errors).toEqual([
      expect.objectContaining({
        pointer: '/columns/4/field',
        code: 'semantic.duplicateColumn',
        message: {
          ja: 'フィールド「status」の列はすでにあります。',
          en: 'There is already a column for the field "status".',
        },
      }),
    ]);
  });

  it('checks the filter: fields, operators and values', () => {
    const errors = errorsAfter((view) => {
      view.filter = {
        stat: { eq: 'submitted' },
        status: { contains: 'sub' },
        createdAt: { gte: '2025-04-01' },
        applicant: { eq: '$user' },
      };
    });
    expect(errors).toEqual([
      expect.objectContaining({ pointer: '/filter/stat', code: 'semantic.unknownField' }),
      expect.objectContaining({
        pointer: '/filter/status/contains',
        code: 'semantic.operatorNotApplicable',
        message: {
          ja: '演算子「contains」はフィールド「status」（型: enum）には使えません。',
          en: 'The operator "contains" cannot be used with the field "status" (type enum).',
        },
      }),
      expect.objectContaining({
        pointer: '/filter/createdAt/gte',
        code: 'semantic.invalidFilterValue',
        message: {
          ja: 'filter.createdAt.gte はタイムゾーン付きの日時（例: 2025-04-01T09:30:00+09:00）で入力してください。',
          en: 'filter.createdAt.gte must be a date and time with time zone (e.g. 2025-04-01T09:30:00+09:00).',
        },
      }),
      // Outside row policies "$user" is no placeholder, and not a uuid.
      expect.objectContaining({ pointer: '/filter/applicant/eq', code: 'semantic.invalidFilterValue' }),
    ]);
  });

  it('takes range bounds of any value of the field type', () => {
    const errors = checkSemantics(
      libraryCardItemsWith('view', 'open-applications', (view) => {
        view.entity = 'Applicant';
        view.columns = [{ field: 'name' }];
        view.filterable = [];
        view.sort = [];
        view.filter = { birthDate: { lt: '1800-01-01' }, nameKana: { gte: 'カ' }, name: { contains: 'a' } };
      }),
    );
    expect(errors).toEqual([]);
  });
});
