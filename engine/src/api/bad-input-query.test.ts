import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestClient, type TestEngine, testDatabaseKinds } from '../testing/index.ts';
import { expectProblem, LIBRARY_CARD, withoutChanges } from './api-test-support.ts';

const q = encodeURIComponent;

describe.each(testDatabaseKinds())('bad list queries on %s', (kind) => {
  let host: TestEngine;
  let librarian: TestClient;

  beforeAll(async () => {
    host = await startTestEngine(kind, [LIBRARY_CARD]);
    librarian = await host.principal('staff', 'librarian1', ['librarian']);
    for (const body of [
      { name: '北図書館', code: 'KIT', ward: 'north', seats: 120 },
      { name: '南図書館', code: 'MIN', ward: 'south', seats: 80 },
      { name: '東図書館', code: 'HIG' },
    ]) {
      expect((await librarian.request('POST', '/api/data/Branch', { body })).status).toBe(201);
    }
  });
  afterAll(() => host.close());

  const list = (query: string) => withoutChanges(host, () => librarian.request('GET', `/api/data/Branch?${query}`));

  it('answers a filter on an unknown field with 400 filter.invalid pointing at the field', async () => {
    expectProblem(await list('filter[colour][eq]=red'), 400, 'filter.invalid', [
      { pointer: '/filter/colour', code: 'filter.unknownField' },
    ]);
  });

  it('answers an unknown or inapplicable operator with 400 pointing at /filter/<field>/<op>', async () => {
    expectProblem(await list('filter[seats][like]=1'), 400, 'filter.invalid', [
      { pointer: '/filter/seats/like', code: 'filter.unknownOperator' },
    ]);
    expectProblem(await list('filter[seats][contains]=1'), 400, 'filter.invalid', [
      { pointer: '/filter/seats/contains', code: 'filter.unsupportedOperator' },
    ]);
  });

  it('answers filter values of the wrong type with 400, reporting every problem at once', async () => {
    const query = [
      'filter[seats][gt]=many',
      'filter[seats][in]=1,two',
      'filter[openedOn][lt]=2024-13-01',
      'filter[id][eq]=42',
      'filter[ward][isNull]=maybe',
      'filter[updatedAt][gte]=2024-01-01T09:00',
    ].join('&');
    expectProblem(await list(query), 400, 'filter.invalid', [
      { pointer: '/filter/seats/gt', code: 'filter.invalidValue' },
      { pointer: '/filter/seats/in/1', code: 'filter.invalidValue' },
      { pointer: '/filter/openedOn/lt', code: 'filter.invalidValue' },
      { pointer: '/filter/id/eq', code: 'filter.invalidValue' },
      { pointer: '/filter/ward/isNull', code: 'filter.invalidValue' },
      { pointer: '/filter/updatedAt/gte', code: 'filter.invalidValue' },
    ]);
  });

  it('answers an unknown query parameter with 400 query.invalid instead of ignoring it', async () => {
    expectProblem(await list('colour=red'), 400, 'query.invalid', [
      { pointer: '/query/colour', code: 'schema.additionalProperties' },
    ]);
    expectProblem(await list('filter[ward]=north'), 400, 'query.invalid', [
      { pointer: '/query/filter[ward]', code: 'schema.additionalProperties' },
    ]);
  });

  it('answers a repeated parameter with 400 query.repeatedParameter', async () => {
    expectProblem(await list('limit=1&limit=2'), 400, 'query.repeatedParameter', [
      { pointer: '/query/limit', code: 'query.repeatedParameter' },
    ]);
    expectProblem(await list('filter[seats][gt]=1&filter[seats][gt]=100'), 400, 'query.repeatedParameter', [
      { pointer: '/query/filter[seats][gt]', code: 'query.repeatedParameter' },
    ]);
  });

  it.each(['0', '201', '-1', 'ten', '1.5', ''])('answers limit=%s with 400 query.invalid', async (limit) => {
    const response = await list(`limit=${limit}`);
    expectProblem(response, 400, 'query.invalid', [{ pointer: '/query/limit', code: 'schema.pattern' }]);
    expect(response.body.errors[0].message).toContain('1 から 200 までの整数');
  });

  it('accepts the limits 1 and 200 and an offset of 0', async () => {
    expect((await list('limit=1')).body.items).toHaveLength(1);
    expect((await list('limit=200&offset=0')).body.items).toHaveLength(3);
    expectProblem(await list('offset=-1'), 400, 'query.invalid', [
      { pointer: '/query/offset', code: 'schema.pattern' },
    ]);
  });

  it('answers a cursor that is not one of ours with 400, and one of another sort order too', async () => {
    expectProblem(await list('cursor=abc'), 400, 'filter.invalid', [
      { pointer: '/cursor', code: 'filter.invalidCursor' },
    ]);
    expectProblem(await list('cursor=!!'), 400, 'query.invalid', [
      { pointer: '/query/cursor', code: 'schema.pattern' },
    ]);
    const forged = Buffer.from(JSON.stringify({ s: 'id', v: ["' OR 1=1 --"] })).toString('base64url');
    expectProblem(await list(`cursor=${forged}`), 400, 'filter.invalid', [
      { pointer: '/cursor', code: 'filter.invalidCursor' },
    ]);
    const page = await list('sort=name&limit=1');
    expect(page.body.nextCursor).toEqual(expect.any(String));
    expectProblem(await list(`sort=-name&cursor=${page.body.nextCursor}`), 400, 'filter.invalid', [
      { pointer: '/cursor', code: 'filter.invalidCursor' },
    ]);
    expectProblem(await list(`cursor=${page.body.nextCursor}&sort=name&offset=1`), 400, 'query.cursorWithOffset', [
      { pointer: '/query/cursor', code: 'query.cursorWithOffset' },
    ]);
  });

  it.each([
    ['filter[name][eq]', "' OR 1=1 --"],
    ['filter[name][contains]', "'; drop table app_branch; --"],
    ['filter[ward][eq]', "north' OR '1'='1"],
    ['filter[code][in]', "KIT' OR 'a'='a,MIN'); delete from app_branch; --"],
  ])('treats %s=%s as a plain value: no rows and the table intact', async (parameter, value) => {
    const response = await list(`${parameter}=${q(value)}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ items: [], nextCursor: null });
    expect((await list('')).body.items).toHaveLength(3);
  });

  it('compares an SQL-looking value literally with ne too: every named branch differs from it', async () => {
    const response = await list(`filter[name][ne]=${q("x' OR name IS NULL --")}`);
    expect(response.status).toBe(200);
    expect(response.body.items.map((item: { code: string }) => item.code).sort()).toEqual(['HIG', 'KIT', 'MIN']);
  });

  it('answers SQL in a field, operator, sort or fields name with 400, and in an entity name with 404', async () => {
    expectProblem(await list(`filter[${q("name' OR 1=1 --")}][eq]=x`), 400, 'filter.invalid', [
      { pointer: "/filter/name' OR 1=1 --", code: 'filter.unknownField' },
    ]);
    expectProblem(await list(`filter[${q('name"; drop table app_branch; --')}][eq]=x`), 400, 'filter.invalid', [
      { pointer: '/filter/name"; drop table app_branch; --', code: 'filter.unknownField' },
    ]);
    expectProblem(await list(`filter[name][${q('eq) OR (1=1')}]=x`), 400, 'filter.invalid', [
      { pointer: '/filter/name/eq) OR (1=1', code: 'filter.unknownOperator' },
    ]);
    expectProblem(await list(`sort=${q('name; drop table app_branch')}`), 400, 'query.invalid', [
      { pointer: '/query/sort', code: 'schema.pattern' },
    ]);
    expectProblem(await list(`fields=${q('name from app_branch; --')}`), 400, 'query.invalid', [
      { pointer: '/query/fields', code: 'schema.pattern' },
    ]);
    const entity = await withoutChanges(host, () =>
      librarian.request('GET', `/api/data/${q('Branch; drop table app_branch')}`),
    );
    expectProblem(entity, 404, 'entity.unknown');
    expect((await list('')).body.items).toHaveLength(3);
  });

  it('answers an unknown field in fields= or sort= with 400 naming it', async () => {
    expectProblem(await list('fields=name,colour'), 400, 'query.unknownField', [
      { pointer: '/fields/colour', code: 'query.unknownField' },
    ]);
    expectProblem(await list('sort=-colour'), 400, 'filter.invalid', [
      { pointer: '/sort/colour', code: 'filter.unknownField' },
    ]);
    expectProblem(await list('sort=name,-name'), 400, 'filter.invalid', [
      { pointer: '/sort/name', code: 'filter.duplicateSort' },
    ]);
  });
});
