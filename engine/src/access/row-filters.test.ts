import { describe, expect, it } from 'vitest';
import type { Filter } from '../metadata/types.ts';
import { bindPrincipal, matchesFilter, matchesRowFilters } from './row-filters.ts';

const me = '0b6f1c9e-1111-4111-8111-111111111111';
const someoneElse = '0b6f1c9e-2222-4222-8222-222222222222';
const principal = { id: me, department: null, attributes: {} };
const kitaOffice = { id: me, department: 'cleaning', attributes: { ward: 'kita' } };

describe('bindPrincipal', () => {
  it('replaces "$user" everywhere, including inside lists, without touching the original', () => {
    const filter: Filter = { owner: { eq: '$user' }, reviewers: { in: ['$user', 'x'] }, status: { ne: '$users' } };
    expect(bindPrincipal(filter, principal)).toEqual({
      owner: { eq: me },
      reviewers: { in: [me, 'x'] },
      status: { ne: '$users' },
    });
    expect(filter.owner).toEqual({ eq: '$user' });
  });

  it('binds "$principal.<attribute>" to id, department and the attributes an administrator set', () => {
    const filter: Filter = {
      ward: { eq: '$principal.ward' },
      office: { in: ['$principal.department', 'x'] },
      owner: { ne: '$principal.id' },
    };
    expect(bindPrincipal(filter, kitaOffice)).toEqual({
      ward: { eq: 'kita' },
      office: { in: ['cleaning', 'x'] },
      owner: { ne: me },
    });
  });

  it('gives null (no row) when the principal lacks an attribute the filter names', () => {
    expect(bindPrincipal({ ward: { eq: '$principal.ward' } }, principal)).toBeNull();
    expect(bindPrincipal({ ward: { in: ['x', '$principal.department'] } }, principal)).toBeNull();
    expect(bindPrincipal({ ward: { eq: '$principal.toString' } }, kitaOffice)).toBeNull();
    expect(matchesRowFilters({ ward: 'kita' }, [{ ward: { eq: '$principal.ward' } }], principal)).toBe(false);
    expect(matchesRowFilters({ ward: 'kita' }, [{ ward: { eq: '$principal.ward' } }], kitaOffice)).toBe(true);
    expect(matchesRowFilters({ ward: 'minami' }, [{ ward: { eq: '$principal.ward' } }], kitaOffice)).toBe(false);
  });

  it('reads a reference.field key from the referenced record, and a missing one matches nothing', () => {
    const filters: Filter[] = [{ 'request.ward': { eq: '$principal.ward' } }];
    expect(matchesRowFilters({}, filters, kitaOffice, { request: { ward: 'kita' } })).toBe(true);
    expect(matchesRowFilters({}, filters, kitaOffice, { request: { ward: 'minami' } })).toBe(false);
    expect(matchesRowFilters({}, filters, kitaOffice, { request: null })).toBe(false);
    expect(matchesRowFilters({}, filters, kitaOffice)).toBe(false);
  });
});

describe('matchesRowFilters', () => {
  it('lets every record through when there are no row filters, none when the list is empty', () => {
    expect(matchesRowFilters({ owner: someoneElse }, null, principal)).toBe(true);
    expect(matchesRowFilters({ owner: me }, [], principal)).toBe(false);
  });

  it('matches records owned by the principal through "$user"', () => {
    const filters: Filter[] = [{ owner: { eq: '$user' } }];
    expect(matchesRowFilters({ owner: me }, filters, principal)).toBe(true);
    expect(matchesRowFilters({ owner: someoneElse }, filters, principal)).toBe(false);
    expect(matchesRowFilters({}, filters, principal)).toBe(false);
  });

  it('needs every condition of one filter (and) and any one filter of the list (or)', () => {
    const filters: Filter[] = [{ owner: { eq: '$user' }, status: { eq: 'draft' } }, { status: { eq: 'published' } }];
    expect(matchesRowFilters({ owner: me, status: 'draft' }, filters, principal)).toBe(true);
    expect(matchesRowFilters({ owner: me, status: 'submitted' }, filters, principal)).toBe(false);
    expect(matchesRowFilters({ owner: someoneElse, status: 'draft' }, filters, principal)).toBe(false);
    expect(matchesRowFilters({ owner: someoneElse, status: 'published' }, filters, principal)).toBe(true);
  });

  it('treats the empty filter as every row', () => {
    expect(matchesRowFilters({ anything: 1 }, [{}], principal)).toBe(true);
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
    expect(matchesRowFilters({ reviewer: me }, [{ reviewer: { in: ['$user'] } }], principal)).toBe(true);
  });

  it('contains on text and on lists', () => {
    expect(check('千代田区丸の内', { contains: '丸の内' })).toBe(true);
    expect(check('千代田区丸の内', { contains: '大手町' })).toBe(false);
    expect(check('Kita Ward Office', { contains: 'ward' })).toBe(true);
    expect(check(['a', 'b'], { contains: 'b' })).toBe(true);
    expect(check(['a', 'b'], { contains: 'c' })).toBe(false);
    expect(check(42, { contains: '4' })).toBe(false);
    expect(matchesRowFilters({ members: [someoneElse, me] }, [{ members: { contains: '$user' } }], principal)).toBe(
      true,
    );
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
    expect(matchesRowFilters({ x: 'a' }, [{ x: null as unknown as Filter['x'] }], principal)).toBe(false);
  });
});
