import { describe, expect, it } from 'vitest';
import type { Filter } from '../metadata/types.ts';
import { FilterError } from './filter-error.ts';
import { compileFilter } from './filters.ts';
import { libraryCard } from './test-entities.ts';

const user = '7d1f3a4e-2b5c-4d6e-8f90-a1b2c3d4e5f6';
const compile = (filter: Filter, userId?: string) => compileFilter(libraryCard, filter, { userId });
const problems = (filter: unknown, userId?: string) => {
  try {
    compileFilter(libraryCard, filter as Filter, { userId });
  } catch (error) {
    if (error instanceof FilterError) return error.details.map((d) => [d.pointer, d.code]);
    throw error;
  }
  throw new Error('expected a FilterError');
};

describe('compileFilter', () => {
  it('coerces query-string values to each field type', () => {
    expect(
      compile({
        loans: { gte: '3', lt: 10 },
        active: { eq: 'true' },
        deposit: { gt: '12.5' },
        birthDate: { lte: '2000-01-31' },
        issuedAt: { gte: '2024-04-01T09:00:00+09:00' },
        createdAt: { lt: '2025-01-01' },
        version: { eq: '2' },
        id: { ne: 'AAAAAAAA-AAAA-4AAA-8AAA-AAAAAAAAAAAA' },
      }),
    ).toEqual({
      $and: [
        { loans: { $gte: 3 } },
        { loans: { $lt: 10 } },
        { active: { $eq: true } },
        { deposit: { $gt: '12.5' } },
        { birthDate: { $lte: '2000-01-31' } },
        { issuedAt: { $gte: '2024-04-01T00:00:00.000Z' } },
        { createdAt: { $lt: '2025-01-01T00:00:00.000Z' } },
        { version: { $eq: 2 } },
        { id: { $ne: 'aaaaaaaa-aaaa-4aaa-8aaa-aaaaaaaaaaaa' } },
      ],
    });
  });

  it('takes in as an array or comma-separated values, and isNull as a boolean', () => {
    expect(compile({ status: { in: 'open,closed' } })).toEqual({ status: { $in: ['open', 'closed'] } });
    expect(compile({ loans: { in: [1, '2'] } })).toEqual({ loans: { $in: [1, 2] } });
    expect(compile({ notes: { isNull: 'true' }, email: { isNull: false } })).toEqual({
      $and: [{ notes: { $eq: null } }, { email: { $ne: null } }],
    });
  });

  it('escapes LIKE wildcards in contains and uses JSONB containment on json fields', () => {
    expect(compile({ holderName: { contains: '50%_a\\b' } })).toEqual({ holderName: { $ilike: '%50\\%\\_a\\\\b%' } });
    expect(compile({ preferences: { contains: '{"language":"ja"}' } })).toEqual({
      preferences: { $contains: { language: 'ja' } },
    });
    expect(problems({ preferences: { contains: { $ne: 1 } } })).toEqual([
      ['/filter/preferences/contains', 'filter.invalidValue'],
    ]);
  });

  it('replaces "$user" with the signed-in principal and refuses it without one', () => {
    expect(compile({ owner: { eq: '$user' } }, user)).toEqual({ owner: { $eq: user } });
    expect(compile({ branch: { in: ['$user'] } }, user)).toEqual({ branch: { $in: [user] } });
    expect(problems({ owner: { eq: '$user' } })).toEqual([['/filter/owner/eq', 'filter.noUser']]);
  });

  it('reports every problem with a pointer, not just the first', () => {
    expect(
      problems({
        "' OR 1=1 --": { eq: 'x' },
        'a/b~c': { eq: 1 },
        history: { isNull: true },
        loans: { eq: 'three', like: '%', in: [1, 'x'] },
        active: { gt: true },
        status: { eq: 'lost' },
        birthDate: { eq: '2023-02-30' },
        issuedAt: { gte: '2024-04-01T09:00:00' },
        preferences: { eq: 'x', contains: 3, in: ['{}'] },
        branch: { eq: 'not-a-uuid', contains: 'x' },
        notes: 'plain',
      }),
    ).toEqual([
      ["/filter/' OR 1=1 --", 'filter.unknownField'],
      ['/filter/a~1b~0c', 'filter.unknownField'],
      ['/filter/history', 'filter.unsupportedField'],
      ['/filter/loans/eq', 'filter.invalidValue'],
      ['/filter/loans/like', 'filter.unknownOperator'],
      ['/filter/loans/in/1', 'filter.invalidValue'],
      ['/filter/active/gt', 'filter.unsupportedOperator'],
      ['/filter/status/eq', 'filter.invalidValue'],
      ['/filter/birthDate/eq', 'filter.invalidValue'],
      ['/filter/issuedAt/gte', 'filter.invalidValue'],
      ['/filter/preferences/eq', 'filter.unsupportedOperator'],
      ['/filter/preferences/contains', 'filter.invalidValue'],
      ['/filter/preferences/in', 'filter.unsupportedOperator'],
      ['/filter/branch/eq', 'filter.invalidValue'],
      ['/filter/branch/contains', 'filter.unsupportedOperator'],
      ['/filter/notes', 'filter.invalid'],
    ]);
  });

  it('gives bilingual messages', () => {
    try {
      compile({ loans: { eq: 'x' } });
    } catch (error) {
      expect((error as FilterError).code).toBe('filter.invalid');
      expect((error as FilterError).details[0]?.message).toEqual({
        ja: '整数を指定してください。',
        en: 'Expected an integer.',
      });
    }
    expect.assertions(2);
  });

  it('compiles an empty filter to match everything', () => {
    expect(compile({})).toEqual({});
  });
});
