import type { DataApi } from '@kiban/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callAction, databaseKinds, residentWithProfile, SYSTEM, startHost, type TestHost } from './support.ts';

type Client = Awaited<ReturnType<typeof residentWithProfile>>['client'];

const titles = async (client: Client, query = '') => {
  const response = await client.request('GET', `/api/plugins/notifications/my-benefits${query}`);
  expect(response.status).toBe(200);
  return response.body.items.map((item: { title: string }) => item.title);
};

describe.each(databaseKinds())('searching and ranking my benefits and events on %s', (kind) => {
  let host: TestHost;
  let data: DataApi;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    host = await startHost(kind);
    data = host.data(SYSTEM);
    const create = async (entity: string, fields: Record<string, unknown>) => {
      ids[String(fields.title)] = String((await data.create(entity, fields)).id);
    };
    await create('CatalogueBenefit', {
      title: '児童手当',
      summary: '中学生までの子を育てる方へ',
      category: 'child',
      periodEnd: '2099-03-31',
      translations: { en: { title: 'Child allowance' } },
    });
    await create('CatalogueBenefit', { title: '高齢者バス助成', category: 'senior', periodEnd: '2099-06-30' });
    await create('CatalogueBenefit', { title: '子ども医療費助成', category: 'child', periodEnd: '2099-09-30' });
    // Sapporo station and Makomanai, about 8 km apart.
    await create('CommunityEvent', {
      title: '駅前まつり',
      category: 'event',
      startsAt: '2099-08-01T01:00:00Z',
      endsAt: '2099-08-02T09:00:00Z',
      latitude: 43.0687,
      longitude: 141.3508,
    });
    await create('CommunityEvent', {
      title: '真駒内スケート教室',
      category: 'event',
      startsAt: '2099-12-10T01:00:00Z',
      endsAt: '2099-12-10T05:00:00Z',
      latitude: 42.9951,
      longitude: 141.3456,
    });
  });
  afterAll(() => host?.close());

  it('searches by text, kind, date, distance and language, soonest ending first', async () => {
    const { client } = await residentWithProfile(host, { name: '検索 一', ward: '北区' });
    expect(await titles(client)).toEqual([
      '児童手当',
      '高齢者バス助成',
      '駅前まつり',
      '子ども医療費助成',
      '真駒内スケート教室',
    ]);
    expect(await titles(client, '?kind=event')).toEqual(['駅前まつり', '真駒内スケート教室']);
    expect(await titles(client, `?q=${encodeURIComponent('中学生')}`)).toEqual(['児童手当']);
    expect(await titles(client, '?kind=event&from=2099-12-01&to=2099-12-31')).toEqual(['真駒内スケート教室']);
    expect(await titles(client, '?near=43.0687,141.3508&withinKm=3')).toEqual(['駅前まつり']);
    expect(await titles(client, '?near=43.0687,141.3508&withinKm=10')).toEqual(['駅前まつり', '真駒内スケート教室']);
    const english = await client.request('GET', '/api/plugins/notifications/my-benefits?language=en&q=allowance');
    expect(english.body.items).toEqual([expect.objectContaining({ title: 'Child allowance', kind: 'benefit' })]);
    const near = await client.request(
      'GET',
      '/api/plugins/notifications/my-benefits?kind=event&near=43.0687,141.3508&withinKm=50',
    );
    const [here, makomanai] = near.body.items.map((item: { distanceKm: number }) => item.distanceKm);
    expect(here).toBeLessThan(0.5);
    expect(makomanai).toBeGreaterThan(7);
    expect(makomanai).toBeLessThan(9);
    expect(near.body.map).toBeNull();
  });

  it('refuses a malformed search with the parameter named', async () => {
    const { client } = await residentWithProfile(host, { name: '検索 二', ward: '北区' });
    const bad = await client.request('GET', '/api/plugins/notifications/my-benefits?from=tomorrow&withinKm=5');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('notifications.invalidSearch');
    const pointers = bad.body.errors.map((detail: { pointer: string }) => detail.pointer).sort();
    expect(pointers).toEqual(['/from', '/near']);
  });

  it('re-ranks by clicks, searches and dismissals only with consent, explains why, and forgets on request', async () => {
    const { client } = await residentWithProfile(host, { name: '推薦 一', ward: '北区' });
    const view = { kind: 'view', itemKind: 'benefit', itemId: ids.子ども医療費助成 };
    const unconsented = await callAction(client, 'recordSignal', view);
    expect(unconsented.body).toEqual({ recorded: false });
    expect((await client.request('GET', '/api/plugins/notifications/my-signals')).body).toEqual({
      enabled: false,
      signals: [],
    });

    expect((await callAction(client, 'setPersonalisation', { enabled: true })).status).toBe(200);
    expect((await callAction(client, 'recordSignal', view)).body).toEqual({ recorded: true });
    const ranked = await client.request('GET', '/api/plugins/notifications/my-benefits');
    expect(ranked.body.personalised).toBe(true);
    expect(ranked.body.items.slice(0, 2)).toEqual([
      expect.objectContaining({ title: '児童手当', reason: { kind: 'viewed', title: '子ども医療費助成' } }),
      expect.objectContaining({ title: '子ども医療費助成' }),
    ]);

    await callAction(client, 'recordSignal', { kind: 'search', query: 'スケート' });
    await callAction(client, 'recordSignal', { kind: 'dismiss', itemKind: 'benefit', itemId: ids.児童手当 });
    const after = (await client.request('GET', '/api/plugins/notifications/my-benefits')).body.items;
    expect(after[0]).toEqual(
      expect.objectContaining({ title: '真駒内スケート教室', reason: { kind: 'searched', query: 'スケート' } }),
    );
    expect(after.at(-1)).toEqual(expect.objectContaining({ title: '児童手当', dismissed: true, reason: null }));

    const history = (await client.request('GET', '/api/plugins/notifications/my-signals')).body;
    expect(history.signals.map((signal: { kind: string }) => signal.kind)).toEqual(['dismiss', 'search', 'view']);
    const dismissal = history.signals[0].id;
    expect((await client.request('DELETE', `/api/plugins/notifications/my-signals/${dismissal}`)).body).toEqual({
      deleted: 1,
    });
    expect((await titles(client)).at(-1)).not.toBe('児童手当');
    expect((await client.request('DELETE', '/api/plugins/notifications/my-signals')).body).toEqual({ deleted: 2 });
    expect(await titles(client)).toEqual([
      '児童手当',
      '高齢者バス助成',
      '駅前まつり',
      '子ども医療費助成',
      '真駒内スケート教室',
    ]);

    await callAction(client, 'recordSignal', view);
    await callAction(client, 'setPersonalisation', { enabled: false });
    expect((await client.request('GET', '/api/plugins/notifications/my-signals')).body.signals).toEqual([]);
  });

  it("keeps one resident's signals from another's ranking", async () => {
    const first = await residentWithProfile(host, { name: '推薦 二', ward: '北区' });
    const second = await residentWithProfile(host, { name: '推薦 三', ward: '北区' });
    await callAction(first.client, 'setPersonalisation', { enabled: true });
    await callAction(second.client, 'setPersonalisation', { enabled: true });
    await callAction(first.client, 'recordSignal', { kind: 'search', query: 'スケート' });
    expect((await titles(first.client))[0]).toBe('真駒内スケート教室');
    expect((await titles(second.client))[0]).toBe('児童手当');
    const foreign = (await first.client.request('GET', '/api/plugins/notifications/my-signals')).body.signals[0].id;
    expect((await second.client.request('DELETE', `/api/plugins/notifications/my-signals/${foreign}`)).body).toEqual({
      deleted: 0,
    });
  });
});
