import { describe, expect, it } from 'vitest';
import type { Filter } from '../metadata/types.ts';
import { bindUser, matchesFilter, matchesRowFilters } from './row-filters.ts';

const me = '0b6f1c9e-1111-4111-8111-111111111111';
const someoneElse = '0b6f1c9e-2222-4222-8222-222222222222';

describe('bindUser', () => {
  it('replaces "$user" everywhere, including inside lists, without touching the original', () => {
    const filter: Filter = { owner: { eq: '$user' }, reviewers: { in: ['$user', 'x'] }, status: { ne: '$users' } };
    expect(bindUser(filter, me)).toEqual({ owner: { eq: me }, reviewers: { in: [me, 'x'] }, status: { ne: '$users' } });
    expect(filter.owner).toEqual({ eq: '$user' });
  });
});

describe('matchesRowFilters', () => {
  it('lets every record through when there are no row filters, none when the list is empty', () => {
    expect(matchesRowFilters({ owner: someoneElse }, null, me)).toBe(true);
    expect(matchesRowFilters({ owner: me }, [], me)).toBe(false);
  });

  it('matches records owned by the principal through "$user"', () => {
    const filters: Filter[] = [{ owner: { eq: '$user' } }];
    expect(matchesRowFilters({ owner: me }, filters, me)).toBe(true);
    expect(matchesRowFilters({ owner: someoneElse }, filters, me)).toBe(false);
    expect(matchesRowFilters({}, filters, me)).toBe(false);
  });

  it('needs every condition of one filter (and) and any one filter of the list (or)', () => {
    const filters: Filter[] = [{ owner: { eq: '$user' }, status: { eq: 'draft' } }, { status: { eq: 'published' } }];
    expect(matchesRowFilters({ owner: me, status: 'draft' }, filters, me)).toBe(true);
    expect(matchesRowFilters({ owner: me, status: 'submitted' }, filters, me)).toBe(false);
    expect(matchesRowFilters({ owner: someoneElse, status: 'draft' }, filters, me)).toBe(false);
    expect(matchesRowFilters({ owner: someoneElse, status: 'published' }, filters, me)).toBe(true);
  });

  it('treats the empty filter as every row', () => {
    expect(matchesRowFilters({ anything: 1 }, [{}], me)).toBe(true);
  });
});

describe('matchesFilter operators', () => {
  const check = (value: unknown, filter: Filter['x']) => matchesFilter({ x: value }, { x: filter });

  it('eq and ne', () => {
    expect(check('a', { eq: 'a' })).toBe(true);
    expect(check('a', { eq: 'A' })).toBe(false);
    expect(check('a', { ne: 'b' })).toBe(true);
    expect(check('a', { ne: 'a' })).toBe(false);
    expect(check(true, { eq: true })).toBe(true);
    expect(check(false, { eq: true })).toBe(false);
  });

  it('compares decimals the database returns as text with numbers', () => {
    expect(check('12.50', { eq: 12.5 })).toBe(true);
    expect(check('12.50', { gt: 9 })).toBe(true);
    expect(check('9', { gt: 10 })).toBe(false);
    expect(check(5, { gte: '5' })).toBe(true);
    expect(check('abc', { lt: 5 })).toBe(false);
  });

  it('lt, lte, gt, gte on numbers, ISO dates and Date objects', () => {
    expect(check(3, { lt: 4 })).toBe(true);
    expect(check(4, { lt: 4 })).toBe(false);
    expect(check(4, { lte: 4 })).toBe(true);
    expect(check(5, { gt: 4, lte: 5 })).toBe(true);
    expect(check(5, { gt: 4, lt: 5 })).toBe(false);
    expect(check('2024-04-01', { gte: '2024-04-01', lt: '2025-04-01' })).toBe(true);
    expect(check(new Date('2024-06-01T00:00:00Z'), { gt: '2024-05-31T23:59:59.999Z' })).toBe(true);
    expect(check(true, { gt: false })).toBe(false);
  });

  it('in, with "$user" inside the list', () => {
    expect(check('kita', { in: ['kita', 'minami'] })).toBe(true);
    expect(check('naka', { in: ['kita', 'minami'] })).toBe(false);
    expect(check('3', { in: [1, 2, 3] })).toBe(true);
    expect(check('kita', { in: 'kita' })).toBe(false);
    expect(matchesRowFilters({ reviewer: me }, [{ reviewer: { in: ['$user'] } }], me)).toBe(true);
  });

  it('contains on text and on lists', () => {
    expect(check('千代田区丸の内', { contains: '丸の内' })).toBe(true);
    expect(check('千代田区丸の内', { contains: '大手町' })).toBe(false);
    expect(check('Kita Ward Office', { contains: 'ward' })).toBe(true);
    expect(check(['a', 'b'], { contains: 'b' })).toBe(true);
    expect(check(['a', 'b'], { contains: 'c' })).toBe(false);
    expect(check(42, { contains: '4' })).toBe(false);
    expect(matchesRowFilters({ members: [someoneElse, me] }, [{ members: { contains: '$user' } }], me)).toBe(true);
  });

  it('isNull, with missing values counting as null', () => {
    expect(check(null, { isNull: true })).toBe(true);
    expect(check(undefined, { isNull: true })).toBe(true);
    expect(matchesFilter({}, { x: { isNull: true } })).toBe(true);
    expect(check('v', { isNull: true })).toBe(false);
    expect(check('v', { isNull: false })).toBe(true);
    expect(check(null, { isNull: false })).toBe(false);
    expect(check(null, { isNull: 'yes' })).toBe(false);
  });

  it('lets a missing value pass no comparison, as SQL does', () => {
    for (const filter of [{ eq: 'a' }, { ne: 'a' }, { lt: 1 }, { gte: 1 }, { in: ['a'] }, { contains: 'a' }]) {
      expect(check(null, filter)).toBe(false);
      expect(check(undefined, filter)).toBe(false);
    }
    expect(check('a', { eq: null })).toBe(false);
    expect(check('a', { ne: null })).toBe(false);
  });

  it('fails closed on operators it does not know and on malformed conditions', () => {
    expect(matchesFilter({ x: 'a' }, { x: { like: 'a' } as Filter['x'] })).toBe(false);
    expect(matchesFilter({ x: 'a' }, { x: null as unknown as Filter['x'] })).toBe(false);
    expect(matchesRowFilters({ x: 'a' }, [{ x: null as unknown as Filter['x'] }], me)).toBe(false);
  });
});
