import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PassageIndex } from '../src/passage-index.ts';
import { databaseKinds, eventually, startHost, type TestHost } from './support.ts';

const SYSTEM = { kind: 'system' } as const;

describe.each(databaseKinds())('the smart FAQ on %s', (kind) => {
  let host: TestHost;

  beforeAll(async () => {
    host = await startHost(kind);
    const data = host.data(SYSTEM, 'knowledge');
    await data.create('KnowledgeFaq', {
      externalId: 'mn-lost',
      question: 'マイナンバーカードを紛失した場合はどうすれば良いですか。',
      answer: 'マイナンバーカードを紛失した場合は、コールセンターに連絡して一時停止してください。',
      classification: 'public',
      status: 'published',
    });
    await data.create('KnowledgeFaq', {
      externalId: 'staff-escalation',
      question: 'マイナンバーカードの紛失の問い合わせを受けたときの職員の対応手順',
      answer: '本人確認のうえ、職員用端末で一時停止の状況を確認する。',
      classification: 'staff',
      status: 'published',
    });
    await data.create('KnowledgeFaq', {
      externalId: 'draft',
      question: '乾電池の捨て方（下書き）',
      answer: '下書きなので見つからない。',
      classification: 'public',
      status: 'draft',
    });
    await data.create('SortingItem', { city: '京丹後市', name: 'ソファー（布類）', category: '可燃性粗大ごみ' });
    await data.create('SortingItem', {
      city: '京丹後市',
      name: '乾電池',
      category: '有害ごみ',
      notes: '透明の袋に入れて出してください。',
    });
    await data.create('CollectionArea', {
      city: '京丹後市',
      name: '峰山町１区',
      days: { 有害ごみ: [{ weekday: 3, nth: 3 }], 可燃ごみ: [{ weekday: 1 }] },
      closures: [],
    });
    await host.settled();
  });
  afterAll(async () => {
    await host?.close();
  });

  const search = async (client: Awaited<ReturnType<TestHost['signInAs']>>, input: Record<string, unknown>) => {
    const response = await client.request('POST', '/api/actions/knowledge.search', { body: input });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body as {
      results: Array<{
        recordId: string;
        title: string;
        kind: string;
        passage: Array<{ text: string; match: boolean }>;
      }>;
      sorting: null | { category: string; nextCollection?: { date: string } | null };
    };
  };

  it('finds the answer to a casual kana question and marks the matching words', async () => {
    const resident = await host.signInAs('resident', 'hanako', []);
    const body = await eventually(async () => {
      const found = await search(resident, { query: 'まいなんばーかーど なくした' });
      expect(found.results[0]?.title).toContain('紛失した場合');
      return found;
    });
    expect(body.results[0]?.passage.some((segment) => segment.match)).toBe(true);
  });

  it('never gives a resident a staff-only passage, and gives it to staff', async () => {
    const resident = await host.signInAs('resident', 'jiro', []);
    const staff = await host.signInAs('staff', 'suzuki', []);
    const forResident = await search(resident, { query: 'マイナンバーカード 紛失 職員の対応手順' });
    expect(forResident.results.map((result) => result.title).join()).not.toContain('職員の対応手順');
    const forStaff = await search(staff, { query: 'マイナンバーカード 紛失 職員の対応手順' });
    expect(forStaff.results[0]?.title).toContain('職員の対応手順');
  });

  it('leaves drafts out', async () => {
    const staff = await host.signInAs('staff', 'tanaka', []);
    const found = await search(staff, { query: '乾電池の捨て方 下書き', kinds: ['faq'] });
    expect(found.results.map((result) => result.title).join()).not.toContain('下書き');
  });

  it('answers a garbage question with the category and the next collection day of the area', async () => {
    const resident = await host.signInAs('resident', 'ume', []);
    const sofa = await search(resident, {
      query: 'ソファーは何ごみ？',
      city: '京丹後市',
      area: '峰山町１区',
      today: '2026-12-07',
    });
    expect(sofa.sorting?.category).toBe('可燃性粗大ごみ');
    expect(sofa.sorting?.nextCollection).toBeNull();
    const battery = await search(resident, {
      query: 'かんでんちはどうやってすてる？',
      city: '京丹後市',
      area: '峰山町１区',
      today: '2026-12-07',
    });
    expect(battery.sorting?.category).toBe('有害ごみ');
    // The third Wednesday of December 2026.
    expect(battery.sorting?.nextCollection?.date).toBe('2026-12-16');
  });

  it('makes an edit searchable and a deletion disappear', async () => {
    const data = host.data(SYSTEM, 'knowledge');
    const resident = await host.signInAs('resident', 'kaede', []);
    const created = await data.create('KnowledgeFaq', {
      question: '犬の登録はどこでできますか。',
      answer: '保健所で登録できます。',
      classification: 'public',
      status: 'published',
    });
    await eventually(async () =>
      expect((await search(resident, { query: 'いぬのとうろく' })).results[0]?.recordId).toBe(created.id),
    );
    await data.update('KnowledgeFaq', String(created.id), { question: '猫の譲渡会はいつありますか。' });
    await eventually(async () =>
      expect((await search(resident, { query: 'ねこ 譲渡会' })).results[0]?.recordId).toBe(created.id),
    );
    await data.delete('KnowledgeFaq', String(created.id));
    await eventually(async () => {
      const ids = (await search(resident, { query: 'ねこ 譲渡会' })).results.map((result) => result.recordId);
      expect(ids).not.toContain(created.id);
    });
  });

  it('keeps the index of a second process in step through the shared passage table, staff synonyms included', async () => {
    const ctx = host.context('knowledge');
    const other = await PassageIndex.open(ctx);
    const faqOnly = (meta: { kind: string }) => meta.kind === 'faq';
    const data = host.data(SYSTEM, 'knowledge');
    const created = await data.create('KnowledgeFaq', {
      question: '飼い犬が亡くなったときの届出',
      answer: '死亡の届出をしてください。',
      classification: 'public',
      status: 'published',
    });
    await host.settled();
    await other.refresh(ctx);
    expect(other.search.search('いぬ しんだ', { limit: 1, accept: faqOnly })[0]?.id).toBe(`KnowledgeFaq:${created.id}`);
    await data.create('KnowledgeSynonym', { words: 'ワンちゃん、犬' });
    await other.refresh(ctx);
    expect(other.search.search('ワンちゃん', { limit: 1, accept: faqOnly })[0]?.id).toBe(`KnowledgeFaq:${created.id}`);
    await data.delete('KnowledgeFaq', String(created.id));
    await host.settled();
    await other.refresh(ctx);
    expect(other.search.search('いぬ しんだ', { limit: 5, accept: faqOnly }).map((hit) => hit.id)).not.toContain(
      `KnowledgeFaq:${created.id}`,
    );
  });

  it('handles a query of 10,000 characters and one of symbols only, and logs a query that found nothing', async () => {
    const resident = await host.signInAs('resident', 'sakura', []);
    const long = await search(resident, { query: `マイナンバーカード紛失${'あ'.repeat(9_989)}` });
    expect(long.results.length).toBeGreaterThan(0);
    const symbols = await search(resident, { query: '？？！！…………＃＄％' });
    expect(symbols.results).toEqual([]);
    const tooLong = await resident.request('POST', '/api/actions/knowledge.search', {
      body: { query: 'あ'.repeat(10_001) },
    });
    expect(tooLong.status).toBe(422);
    const logged = await host
      .data(SYSTEM, 'knowledge')
      .list('ZeroResultQuery', { filter: { query: { eq: '？？！！…………＃＄％' } } });
    expect(logged).toHaveLength(1);
  });

  it('stores "did this help?" feedback', async () => {
    const response = await host.request('POST', '/api/public/knowledge/feedback', {
      body: { query: 'マイナンバーカード なくした', resultId: 'x', resultKind: 'faq', helpful: true },
    });
    expect(response.status).toBe(200);
    const bad = await host.request('POST', '/api/public/knowledge/feedback', { body: { query: 'x' } });
    expect(bad.status).toBe(400);
    expect(await host.data(SYSTEM, 'knowledge').count('SearchFeedback')).toBe(1);
  });
});
