import type { EntitySchema, FilterQuery, MikroORM } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Filter } from '../metadata/types.ts';
import { testDatabaseKinds } from '../testing/index.ts';
import { type ApiRecord, toEntitySchemas } from './entity-schema.ts';
import { FilterError } from './filter-error.ts';
import { compileFilter } from './filters.ts';
import { compileSort, cursorFilter, encodeCursor } from './sort-cursor.ts';
import { openTestDatabaseWithOrm, type TestDatabase } from './test-database.ts';
import { branch, libraryCard } from './test-entities.ts';

const owner = '11111111-1111-4111-8111-111111111111';
const names = ['佐藤', '鈴木', '高橋', '田中', '50% off', 'under_score', "O'Brien", 'back\\slash'];

/** Thirty cards with repeating and missing values, so sorts tie and NULLs appear. */
const cards = Array.from({ length: 30 }, (_, i) => ({
  holderName: names[i % names.length] as string,
  loans: i % 4,
  deposit: i % 3 === 0 ? null : `${(i % 5) * 10}.50`,
  active: i % 2 === 0,
  birthDate: i % 4 === 0 ? null : `19${80 + (i % 7)}-0${1 + (i % 9)}-1${i % 10}`,
  issuedAt: i % 5 === 0 ? null : new Date(Date.UTC(2024, 0, 1 + (i % 6), 9)).toISOString(),
  status: i % 3 === 0 ? 'closed' : 'open',
  owner: i % 2 === 0 ? owner : null,
  preferences: { language: i % 2 === 0 ? 'ja' : 'en', tags: i % 3 === 0 ? ['large-print'] : [] },
}));

describe.each(testDatabaseKinds())('filters, sorts and cursors on %s', (kind) => {
  let db: TestDatabase;
  let orm: MikroORM;
  let Card: EntitySchema<ApiRecord>;

  beforeAll(async () => {
    db = await openTestDatabaseWithOrm(kind);
    await db.migrate([branch, libraryCard]);
    const schemas = toEntitySchemas([branch, libraryCard]);
    Card = schemas[1] as EntitySchema<ApiRecord>;
    orm = await db.boot(schemas);
    const em = orm.em.fork();
    for (const card of cards) em.create(Card, card);
    await em.flush();
  });
  afterAll(() => db?.close());

  const find = (where: FilterQuery<ApiRecord>, options: Record<string, unknown> = {}) =>
    orm.em.fork().find(Card, where, options);
  const count = async (filter: Filter, userId?: string) =>
    (await find(compileFilter(libraryCard, filter, { userId }))).length;
  const expected = (predicate: (card: (typeof cards)[number]) => boolean) => cards.filter(predicate).length;

  it('selects the rows each operator describes', async () => {
    expect(await count({ loans: { gte: '2' } })).toBe(expected((c) => c.loans >= 2));
    expect(await count({ loans: { in: '0,3' }, active: { eq: 'true' } })).toBe(
      expected((c) => [0, 3].includes(c.loans) && c.active),
    );
    expect(await count({ deposit: { isNull: true } })).toBe(expected((c) => c.deposit === null));
    expect(await count({ deposit: { gt: '20.5' } })).toBe(
      expected((c) => c.deposit !== null && Number(c.deposit) > 20.5),
    );
    expect(await count({ birthDate: { lt: '1983-01-01' } })).toBe(
      expected((c) => c.birthDate !== null && c.birthDate < '1983-01-01'),
    );
    expect(await count({ issuedAt: { gte: '2024-01-03T18:00:00+09:00' } })).toBe(
      expected((c) => c.issuedAt !== null && c.issuedAt >= '2024-01-03T09:00:00.000Z'),
    );
    expect(await count({ status: { ne: 'open' } })).toBe(expected((c) => c.status !== 'open'));
    expect(await count({ owner: { eq: '$user' } }, owner)).toBe(expected((c) => c.owner === owner));
    expect(await count({ preferences: { contains: { tags: ['large-print'] } } })).toBe(
      expected((c) => c.preferences.tags.includes('large-print')),
    );
    expect(await count({ createdAt: { lte: new Date().toISOString() }, version: { eq: 1 } })).toBe(cards.length);
  });

  it('matches contains literally and case-insensitively', async () => {
    expect(await count({ holderName: { contains: '50%' } })).toBe(expected((c) => c.holderName === '50% off'));
    expect(await count({ holderName: { contains: '_' } })).toBe(expected((c) => c.holderName === 'under_score'));
    expect(await count({ holderName: { contains: '\\' } })).toBe(expected((c) => c.holderName === 'back\\slash'));
    expect(await count({ holderName: { contains: "o'b" } })).toBe(expected((c) => c.holderName === "O'Brien"));
    expect(await count({ holderName: { contains: '藤' } })).toBe(expected((c) => c.holderName === '佐藤'));
  });

  it('treats SQL-looking values as plain values and SQL-looking names as unknown fields', async () => {
    expect(await count({ holderName: { eq: "' OR 1=1 --" } })).toBe(0);
    expect(await count({ holderName: { contains: "' OR 1=1 --" } })).toBe(0);
    expect(await count({ holderName: { in: ["x'); drop table app_library_card; --", '佐藤'] } })).toBe(
      expected((c) => c.holderName === '佐藤'),
    );
    expect(() => compileFilter(libraryCard, { "name' OR 1=1 --": { eq: 'x' } }, {})).toThrow(FilterError);
    expect(await count({})).toBe(cards.length);
  });

  const pageThrough = async (sortText: string, filter: Filter = {}, pageSize = 4) => {
    const sort = compileSort(libraryCard, sortText);
    const where = compileFilter(libraryCard, filter, {});
    const all = (await find(where, { orderBy: sort.orderBy })).map((r) => r.id);
    const paged: unknown[] = [];
    let cursor: string | undefined;
    for (let page = 0; page < 50; page++) {
      const after = cursor ? { $and: [where, cursorFilter(cursor, sort)] } : where;
      const rows = await find(after as FilterQuery<ApiRecord>, { orderBy: sort.orderBy, limit: pageSize });
      paged.push(...rows.map((r) => r.id));
      if (rows.length < pageSize) break;
      cursor = encodeCursor(rows[rows.length - 1] as ApiRecord, sort);
    }
    return { all, paged };
  };

  it.each([
    '',
    '-createdAt,holderName',
    'birthDate',
    '-birthDate',
    '-deposit,loans',
    'status,-issuedAt',
    'issuedAt,-holderName',
    'active,-id',
  ])('pages through sort %j without skipping or repeating a row', async (sortText) => {
    const { all, paged } = await pageThrough(sortText);
    expect(all).toHaveLength(cards.length);
    expect(paged).toEqual(all);
  });

  it('pages within a filter', async () => {
    const { all, paged } = await pageThrough('-loans,birthDate', { active: { eq: true } }, 3);
    expect(all).toHaveLength(expected((c) => c.active));
    expect(paged).toEqual(all);
  });

  it('appends id as the tiebreaker and rejects unknown or unsortable properties', () => {
    expect(compileSort(libraryCard, '-createdAt, holderName').orderBy).toEqual([
      { createdAt: 'desc nulls first' },
      { holderName: 'asc nulls last' },
      { id: 'asc nulls last' },
    ]);
    const error = (() => {
      try {
        compileSort(libraryCard, "nope,preferences,history,loans,-loans,' OR 1=1 --");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(FilterError);
    expect((error as FilterError).details.map((d) => [d.pointer, d.code])).toEqual([
      ['/sort/nope', 'filter.unknownField'],
      ['/sort/preferences', 'filter.unsupportedField'],
      ['/sort/history', 'filter.unsupportedField'],
      ['/sort/loans', 'filter.duplicateSort'],
      ["/sort/' OR 1=1 --", 'filter.unknownField'],
    ]);
  });

  it('rejects malformed, tampered and foreign cursors', async () => {
    const sort = compileSort(libraryCard, 'loans');
    const [first] = await find({}, { orderBy: sort.orderBy, limit: 1 });
    const cursor = encodeCursor(first as ApiRecord, sort);
    const tampered = Buffer.from(JSON.stringify({ s: 'loans,id', v: ['1; drop table x', 'x'] })).toString('base64url');
    for (const bad of ['not a cursor', '', tampered, Buffer.from('[1]').toString('base64url')]) {
      expect(() => cursorFilter(bad, sort)).toThrow(FilterError);
    }
    expect(() => cursorFilter(cursor, compileSort(libraryCard, '-loans'))).toThrow(/another sort order/);
  });
});
