import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestClient, type TestEngine, testDatabaseKinds } from '../testing/index.ts';
import { LIBRARY_CARD } from './api-test-support.ts';

interface Branch {
  id: string;
  name: string;
  code: string;
  ward: string | null;
  seats: number | null;
  openedOn: string | null;
}

type Direction = 'asc' | 'desc';

/** 45 branches with repeated values and NULLs in every optional field, so ties and NULL ordering matter. */
function branchInput(i: number): Omit<Branch, 'id'> {
  const special = ['Kita 50% Library', 'Minami_Hall', 'MINAMI HALL'];
  return {
    name: special[i] ?? `Branch ${String(i).padStart(2, '0')}`,
    code: `${String.fromCharCode(65 + Math.floor(i / 26))}${String.fromCharCode(65 + (i % 26))}Q`,
    ward: ['north', 'south', 'east', null][i % 4] ?? null,
    seats: i % 7 === 6 ? null : ((i * 7) % 10) * 10,
    openedOn: i % 6 === 5 ? null : `2000-01-${String((i % 9) + 1).padStart(2, '0')}`,
  };
}

/** The order the API promises: NULL after every value ascending (so first descending), then `id`. */
function sorted(records: Branch[], keys: [keyof Branch, Direction][]): Branch[] {
  const compare = (a: unknown, b: unknown) => {
    if (a === b) return 0;
    if (a === null) return 1;
    if (b === null) return -1;
    return (a as string | number) < (b as string | number) ? -1 : 1;
  };
  return [...records].sort((x, y) => {
    for (const [field, direction] of keys) {
      const order = compare(x[field], y[field]);
      if (order !== 0) return direction === 'asc' ? order : -order;
    }
    return compare(x.id, y.id);
  });
}

const ids = (records: { id?: unknown }[]) => records.map((record) => String(record.id));

describe.each(testDatabaseKinds())('the list endpoint on %s', (kind) => {
  let host: TestEngine;
  let librarian: TestClient;
  let hanako: TestClient;
  let taro: TestClient;
  let taroId: string;
  const branches: Branch[] = [];
  const applications: Record<'hanako' | 'taro', string[]> = { hanako: [], taro: [] };

  beforeAll(async () => {
    host = await startTestEngine(kind, [LIBRARY_CARD]);
    librarian = await host.principal('staff', 'librarian1', ['librarian']);
    hanako = await host.principal('resident', 'hanako', ['resident']);
    taro = await host.principal('resident', 'taro', ['resident']);
    taroId = (await taro.request('GET', '/api/auth/me')).body.principal.id;
    for (let i = 0; i < 45; i++) {
      const created = await librarian.request('POST', '/api/data/Branch', { body: branchInput(i) });
      expect(created.status).toBe(201);
      branches.push(created.body);
    }
    const residents: [keyof typeof applications, TestClient, string[]][] = [
      ['hanako', hanako, ['500', '1500.5']],
      ['taro', taro, ['800', '2000']],
    ];
    for (const [name, client, deposits] of residents) {
      const applicant = await client.request('POST', '/api/data/Applicant', {
        body: { name, nameKana: 'ヤマダ', birthDate: '1990-05-01' },
      });
      for (const deposit of deposits) {
        const created = await client.request('POST', '/api/data/Application', {
          body: { applicant: applicant.body.id, branch: branches[0].id, deposit },
        });
        expect(created.status).toBe(201);
        applications[name].push(created.body.id);
      }
    }
  });
  afterAll(() => host.close());

  const list = async (client: TestClient, entity: string, query: string) => {
    const response = await client.request('GET', `/api/data/${entity}?${query}`);
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body as { items: Record<string, unknown>[]; nextCursor: string | null };
  };
  const branchIds = async (query: string) => ids((await list(librarian, 'Branch', `limit=200&${query}`)).items);
  const where = (test: (branch: Branch) => boolean) => ids(sorted(branches.filter(test), []));

  it.each([
    ['filter[seats][eq]=30', (b: Branch) => b.seats === 30],
    ['filter[code][eq]=ABQ', (b: Branch) => b.code === 'ABQ'],
    ['filter[openedOn][eq]=2000-01-03', (b: Branch) => b.openedOn === '2000-01-03'],
    ['filter[ward][ne]=north', (b: Branch) => b.ward !== null && b.ward !== 'north'],
    ['filter[seats][lt]=30', (b: Branch) => b.seats !== null && b.seats < 30],
    ['filter[seats][lte]=30', (b: Branch) => b.seats !== null && b.seats <= 30],
    ['filter[seats][gt]=30', (b: Branch) => b.seats !== null && b.seats > 30],
    ['filter[seats][gte]=30', (b: Branch) => b.seats !== null && b.seats >= 30],
    ['filter[openedOn][lt]=2000-01-04', (b: Branch) => b.openedOn !== null && b.openedOn < '2000-01-04'],
    ['filter[openedOn][gte]=2000-01-08', (b: Branch) => b.openedOn !== null && b.openedOn >= '2000-01-08'],
    ['filter[name][gt]=Branch 40', (b: Branch) => b.name > 'Branch 40'],
    ['filter[code][in]=AAQ,ACQ,ZZZ', (b: Branch) => ['AAQ', 'ACQ'].includes(b.code)],
    ['filter[seats][in]=0,90', (b: Branch) => b.seats === 0 || b.seats === 90],
    ['filter[ward][in]=north,east', (b: Branch) => b.ward === 'north' || b.ward === 'east'],
    ['filter[name][contains]=minami', (b: Branch) => b.name.toLowerCase().includes('minami')],
    ['filter[name][contains]=BRANCH 1', (b: Branch) => b.name.startsWith('Branch 1')],
    ['filter[name][contains]=%', (b: Branch) => b.name.includes('%')],
    ['filter[name][contains]=_', (b: Branch) => b.name.includes('_')],
    ['filter[name][contains]=i_h', (b: Branch) => b.name === 'Minami_Hall'],
    ['filter[name][contains]=50%', (b: Branch) => b.name === 'Kita 50% Library'],
    ['filter[ward][isNull]=true', (b: Branch) => b.ward === null],
    ['filter[ward][isNull]=false', (b: Branch) => b.ward !== null],
    ['filter[seats][isNull]=true', (b: Branch) => b.seats === null],
    ['filter[seats][gte]=20&filter[seats][lt]=60', (b: Branch) => b.seats !== null && b.seats >= 20 && b.seats < 60],
    ['filter[ward][eq]=north&filter[openedOn][isNull]=false', (b: Branch) => b.ward === 'north' && b.openedOn !== null],
    ['filter[createdAt][gt]=2000-01-01T00:00:00+09:00', () => true],
  ])('filters with %s', async (query, test) => {
    const expected = where(test);
    expect(expected.length).toBeGreaterThan(0);
    expect(await branchIds(query.replaceAll('%', '%25').replaceAll('+', '%2B'))).toEqual(expected);
  });

  it('finds nothing when no record matches', async () => {
    expect(await branchIds('filter[createdAt][lt]=2000-01-01T00:00:00Z')).toEqual([]);
    expect(await branchIds('filter[seats][gt]=90')).toEqual([]);
  });

  it('treats % and _ in contains as literal characters and matches case-insensitively', async () => {
    expect(await branchIds('filter[name][contains]=%25')).toEqual([branches[0].id]);
    expect(await branchIds('filter[name][contains]=_')).toEqual([branches[1].id]);
    expect((await branchIds('filter[name][contains]=MiNaMi')).sort()).toEqual([branches[1].id, branches[2].id].sort());
  });

  it.each([
    ['name', [['name', 'asc']]],
    ['-name', [['name', 'desc']]],
    ['seats', [['seats', 'asc']]],
    ['-seats', [['seats', 'desc']]],
    [
      'ward,-seats',
      [
        ['ward', 'asc'],
        ['seats', 'desc'],
      ],
    ],
    [
      '-openedOn,code',
      [
        ['openedOn', 'desc'],
        ['code', 'asc'],
      ],
    ],
    [
      '-ward,openedOn',
      [
        ['ward', 'desc'],
        ['openedOn', 'asc'],
      ],
    ],
  ] as [string, [keyof Branch, Direction][]][])('sorts by %s with id as the tiebreak', async (sort, keys) => {
    expect(await branchIds(`sort=${sort}`)).toEqual(ids(sorted(branches, keys)));
  });

  const walk = async (query: string, pageSize = 10) => {
    const seen: string[] = [];
    const pages: number[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(librarian, 'Branch', `${query}&limit=${pageSize}${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...ids(page.items));
      pages.push(page.items.length);
      cursor = page.nextCursor;
    } while (cursor !== null && pages.length < 20);
    return { seen, pages };
  };

  it.each([
    ['', []],
    ['sort=seats', [['seats', 'asc']]],
    ['sort=-ward', [['ward', 'desc']]],
    ['sort=-openedOn', [['openedOn', 'desc']]],
    [
      'sort=-seats,ward',
      [
        ['seats', 'desc'],
        ['ward', 'asc'],
      ],
    ],
  ] as [string, [keyof Branch, Direction][]][])(
    'pages with a cursor through all 45 records once, in order (%s)',
    async (query, keys) => {
      const { seen, pages } = await walk(query);
      expect(pages).toEqual([10, 10, 10, 10, 5]);
      expect(seen).toEqual(ids(sorted(branches, keys)));
    },
  );

  it('pages by offset, and an offset page hands on a cursor that continues after it', async () => {
    const expected = ids(sorted(branches, [['seats', 'asc']]));
    const third = await list(librarian, 'Branch', 'sort=seats&limit=10&offset=20');
    expect(ids(third.items)).toEqual(expected.slice(20, 30));
    const next = await list(librarian, 'Branch', `sort=seats&limit=10&cursor=${third.nextCursor}`);
    expect(ids(next.items)).toEqual(expected.slice(30, 40));
    const last = await list(librarian, 'Branch', 'sort=seats&limit=10&offset=40');
    expect(ids(last.items)).toEqual(expected.slice(40));
    expect(last.nextCursor).toBeNull();
    expect(await list(librarian, 'Branch', 'offset=45')).toEqual({ items: [], nextCursor: null });
  });

  it('returns only the selected fields plus id, also while paging on a field not selected', async () => {
    const page = await list(librarian, 'Branch', 'fields=seats,name&limit=200');
    expect(page.items).toHaveLength(45);
    for (const item of page.items) expect(Object.keys(item)).toEqual(['id', 'name', 'seats']);
    const byId = new Map(branches.map((branch) => [branch.id, branch]));
    for (const item of page.items)
      expect(item).toEqual(expect.objectContaining({ name: byId.get(String(item.id))?.name }));

    const { seen, pages } = await walk('fields=code&sort=-openedOn');
    expect(pages).toEqual([10, 10, 10, 10, 5]);
    expect(seen).toEqual(ids(sorted(branches, [['openedOn', 'desc']])));
    const first = await list(librarian, 'Branch', 'fields=code&sort=-openedOn&limit=3');
    for (const item of first.items) expect(Object.keys(item)).toEqual(['id', 'code']);
  });

  it('compares decimals and datetimes as values, not text', async () => {
    const deposits = async (query: string) =>
      (await list(librarian, 'Application', `${query}&sort=deposit&fields=deposit`)).items.map((item) => item.deposit);
    expect(await deposits('filter[deposit][gte]=1000')).toEqual(['1500.50', '2000.00']);
    expect(await deposits('filter[deposit][lt]=800')).toEqual(['500.00']);
    expect(await deposits('filter[deposit][in]=800,2000.00')).toEqual(['800.00', '2000.00']);
    expect(await deposits('filter[deposit][eq]=1500.50')).toEqual(['1500.50']);
  });

  it('applies a resident’s row policy on top of any filter', async () => {
    const own = (query: string) => list(hanako, 'Application', query).then((page) => ids(page.items).sort());
    const hanakos = [...applications.hanako].sort();
    expect(await own(`filter[branch][eq]=${branches[0].id}`)).toEqual(hanakos);
    expect(await own('filter[deposit][gte]=0')).toEqual(hanakos);
    expect(await own(`filter[id][in]=${[...applications.taro, ...applications.hanako].join(',')}`)).toEqual(hanakos);
    expect(await own(`filter[owner][eq]=${taroId}`)).toEqual([]);
    expect(await own('filter[owner][eq]=$user')).toEqual(hanakos);
    expect(await own('filter[deposit][gte]=1000')).toEqual([applications.hanako[1]]);

    const pages: string[] = [];
    let cursor: string | null = null;
    do {
      const page = await list(hanako, 'Application', `limit=1&sort=-deposit${cursor ? `&cursor=${cursor}` : ''}`);
      pages.push(...ids(page.items));
      cursor = page.nextCursor;
    } while (cursor !== null && pages.length < 10);
    expect(pages).toEqual([applications.hanako[1], applications.hanako[0]]);
  });
});
