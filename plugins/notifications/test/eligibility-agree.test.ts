import type { PluginContext, RecordData } from '@kiban/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ruleOf } from '../src/campaigns/segment-rule.ts';
import { type CatalogueItem, eligibleItems } from '../src/catalogue/eligibility.ts';
import { databaseKinds, SYSTEM, startHost, type TestHost } from './support.ts';

const WARDS = ['北区', '南区', '中央区', null];
const CHILD_AGES = [0, 3, 6, 12, 15, null];

/** Rules of every shape the catalogue stores: comparisons, lists, missing values, and/or/not. */
const CONDITIONS: unknown[] = [
  { fact: 'ward', op: 'eq', value: '北区' },
  { fact: 'ward', op: 'ne', value: '北区' },
  { fact: 'ward', op: 'in', value: ['南区', '中央区'] },
  { fact: 'ward', op: 'notIn', value: ['南区'] },
  { fact: 'ward', op: 'isNull' },
  { fact: 'ward', op: 'contains', value: '央' },
  { fact: 'childAge', op: 'lt', value: 6 },
  { fact: 'childAge', op: 'gte', value: 12 },
  { fact: 'childAge', op: 'between', value: [3, 12] },
  { fact: 'childAge', op: 'isNotNull' },
  { not: { fact: 'childAge', op: 'lte', value: 3 } },
  {
    all: [
      { fact: 'ward', op: 'eq', value: '北区' },
      { fact: 'childAge', op: 'lte', value: 6 },
    ],
  },
  {
    any: [
      { fact: 'ward', op: 'eq', value: '南区' },
      { fact: 'childAge', op: 'eq', value: 0 },
    ],
  },
  {
    not: {
      any: [
        { fact: 'ward', op: 'isNull' },
        { fact: 'childAge', op: 'gt', value: 10 },
      ],
    },
  },
];

describe.each(databaseKinds())('eligibility in process against the SQL segments on %s', (kind) => {
  let host: TestHost;
  let ctx: PluginContext;

  beforeAll(async () => {
    host = await startHost(kind);
    ctx = host.context('notifications');
  });
  afterEach(() => vi.useRealTimers());
  afterAll(() => host?.close());

  /** The SQL interpreter's answer: the item's compiled segment holds the resident's record. */
  async function bySql(owner: string, items: CatalogueItem[]): Promise<string[]> {
    const [own] = await ctx
      .data(SYSTEM)
      .list('ResidentProfile', { filter: { owner: { eq: owner } }, limit: 1, fields: ['id'] });
    const eligible: string[] = [];
    for (const item of items) {
      if (!item.record.eligibility) eligible.push(item.id);
      if (!own || !item.record.eligibility) continue;
      const segment = await ctx.segments.select('ResidentProfile', ruleOf('ResidentProfile', item.record.eligibility), {
        paramOffset: 2,
      });
      const { rowCount } = await ctx.sql.query(`select 1 from (${segment.text}) m where m.id = $1::uuid`, [
        own.id,
        ...segment.params,
      ]);
      if (rowCount > 0) eligible.push(item.id);
    }
    return eligible.sort();
  }

  it('finds the same items for every resident of a varied population, and follows a changed benefit', async () => {
    const data = ctx.data(SYSTEM);
    const owners: string[] = [];
    for (const [index, ward] of WARDS.entries()) {
      for (const [position, childAge] of CHILD_AGES.entries()) {
        const owner = `00000000-0000-4000-8000-${String(index * 10 + position).padStart(12, '0')}`;
        const fields: RecordData = { name: `住民 ${index}-${position}`, ward, childAge, owner };
        await data.create('ResidentProfile', fields);
        owners.push(owner);
      }
    }
    // Someone with no profile: only the items without a rule are for them.
    owners.push('00000000-0000-4000-8000-999999999999');
    const items: CatalogueItem[] = [];
    for (const [index, eligibility] of [...CONDITIONS, null].entries()) {
      const record = await data.create('CatalogueBenefit', {
        title: `制度 ${index}`,
        ...(eligibility ? { eligibilityEntity: 'ResidentProfile', eligibility } : {}),
      });
      items.push({ id: String(record.id), entity: 'CatalogueBenefit', record });
    }
    const ids = async (owner: string, catalogue: CatalogueItem[]) =>
      (await eligibleItems(ctx, owner, catalogue)).map((item) => item.id).sort();
    let matchedSomewhere = 0;
    for (const owner of owners) {
      const expected = await bySql(owner, items);
      expect(await ids(owner, items)).toEqual(expected);
      matchedSomewhere += expected.length;
    }
    expect(matchedSomewhere).toBeGreaterThan(owners.length);

    // A benefit whose rule changes gets a new version: the prepared rules must not be reused.
    const first = items[0] as CatalogueItem;
    const changed = await data.update('CatalogueBenefit', first.id, {
      eligibility: { fact: 'ward', op: 'eq', value: '南区' },
    });
    const updated = [{ ...first, record: changed }, ...items.slice(1)];
    for (const owner of owners) expect(await ids(owner, updated)).toEqual(await bySql(owner, updated));
  });

  it('judges the same catalogue again on a new day, and considers a benefit added to it', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-03-31T23:30:00+09:00'));
    const data = ctx.data(SYSTEM);
    const owner = '00000000-0000-4000-8000-000000000300';
    // The child turns three on 1 April 2026 in the city's calendar.
    await data.create('ResidentProfile', { name: '札幌 花子', ward: '北区', childBirthDate: '2023-04-01', owner });
    const item = async (title: string, eligibility: unknown): Promise<CatalogueItem> => {
      const record = await data.create('CatalogueBenefit', {
        title,
        eligibilityEntity: 'ResidentProfile',
        eligibility,
      });
      return { id: String(record.id), entity: 'CatalogueBenefit', record };
    };
    const checkup = await item('3歳児健診', { fact: 'age', of: 'childBirthDate', op: 'gte', value: 3 });
    const ward = await item('北区の子育て支援', { fact: 'ward', op: 'eq', value: '北区' });
    const titles = async (catalogue: CatalogueItem[]) =>
      (await eligibleItems(ctx, owner, catalogue)).map((each) => each.record.title);

    expect(await titles([checkup, ward])).toEqual(['北区の子育て支援']);
    expect(await bySql(owner, [checkup, ward])).toEqual([ward.id]);

    // The same catalogue version, so the same prepared rules: they must follow the new day.
    vi.setSystemTime(new Date('2026-04-01T00:30:00+09:00'));
    expect(await titles([checkup, ward])).toEqual(['3歳児健診', '北区の子育て支援']);
    expect(await bySql(owner, [checkup, ward])).toEqual([checkup.id, ward.id].sort());

    const added = await item('3歳からの読書手帳', { fact: 'age', of: 'childBirthDate', op: 'between', value: [3, 5] });
    expect(await titles([checkup, ward, added])).toEqual(['3歳児健診', '北区の子育て支援', '3歳からの読書手帳']);
  });

  it('shows no one an item whose rule does not fit the entity, and still decides the others', async () => {
    const data = ctx.data(SYSTEM);
    const owner = '00000000-0000-4000-8000-000000000301';
    await data.create('ResidentProfile', { name: '函館 次郎', ward: '北区', owner });
    const item = async (title: string, eligibility: unknown): Promise<CatalogueItem> => {
      const record = await data.create('CatalogueBenefit', {
        title,
        eligibilityEntity: 'ResidentProfile',
        eligibility,
      });
      return { id: String(record.id), entity: 'CatalogueBenefit', record };
    };
    // Stored past the intake's check, as a staff edit through the record API would be.
    const wrong = await item('誤ったルール', { fact: 'income', op: 'lt', value: 3 });
    const ward = await item('北区の子育て支援（確認用）', { fact: 'ward', op: 'eq', value: '北区' });
    await expect(
      ctx.segments.select('ResidentProfile', ruleOf('ResidentProfile', wrong.record.eligibility)),
    ).rejects.toMatchObject({ code: 'segment.invalid' });

    const shown = await eligibleItems(ctx, owner, [wrong, ward]);
    expect(shown.map((each) => each.id)).toEqual([ward.id]);
    expect(
      host.logs.some(
        (entry) => entry.message.includes('eligibility rule does not hold') && JSON.stringify(entry).includes(wrong.id),
      ),
    ).toBe(true);
  });
});
