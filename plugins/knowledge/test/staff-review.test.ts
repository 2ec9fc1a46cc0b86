import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, eventually, startHost, type TestHost } from './support.ts';

const SYSTEM = { kind: 'system' } as const;
type Client = Awaited<ReturnType<TestHost['signInAs']>>;

/** Residents rate answers and search for what is not there; knowledge staff review both and act on them. */
describe.each(databaseKinds())('the staff review of feedback and zero-result queries on %s', (kind) => {
  let host: TestHost;
  let resident: Client;
  let editor: Client;
  let faqId: string;
  let petsId: string;

  beforeAll(async () => {
    host = await startHost(kind);
    resident = await host.signInAs('resident', 'hanako', []);
    editor = await host.signInAs('staff', 'tanaka', ['knowledge-editor']);
    const faq = await host.data(SYSTEM, 'knowledge').create('KnowledgeFaq', {
      question: 'マイナンバーカードを紛失した場合はどうすれば良いですか。',
      answer: 'コールセンターに連絡して一時停止してください。',
      classification: 'public',
      status: 'published',
    });
    faqId = String(faq.id);
    const pets = await host.data(SYSTEM, 'knowledge').create('KnowledgeFaq', {
      question: '飼っていた犬や猫が死んだときはどうすればよいですか。',
      answer: '環境局に申し込むと、有料で引き取ります。',
      classification: 'public',
      status: 'published',
    });
    petsId = String(pets.id);
    await host.settled();
  });
  afterAll(async () => {
    await host?.close();
  });

  const act = (client: Client | undefined, name: string, body: Record<string, unknown>) =>
    client
      ? client.request('POST', `/api/actions/knowledge.${name}`, { body })
      : host.request('POST', `/api/public/knowledge/${name}`, { body });

  it('groups "did this help?" per answer with its comments, least helpful first', async () => {
    const rate = (client: Client | undefined, helpful: boolean, comment?: string) =>
      act(client, 'feedback', {
        query: 'カード なくした',
        resultKind: 'faq',
        resultId: faqId,
        helpful,
        ...(comment ? { comment } : {}),
      });
    expect((await rate(resident, false, '電話番号が書いてありません')).status).toBe(200);
    expect((await rate(undefined, false)).status).toBe(200);
    expect((await rate(resident, true)).status).toBe(200);
    await act(resident, 'feedback', { query: '乾電池', resultKind: 'sorting', resultId: 'x', helpful: true });
    const tooLong = await act(resident, 'feedback', {
      query: 'q',
      resultId: faqId,
      helpful: false,
      comment: 'あ'.repeat(1001),
    });
    expect(tooLong.status).toBe(422);

    const response = await editor.request('GET', '/api/plugins/knowledge/feedback');
    expect(response.status).toBe(200);
    const { answers } = response.body as {
      answers: Array<{
        resultId: string;
        title: string | null;
        helpful: number;
        notHelpful: number;
        comments: unknown[];
      }>;
    };
    expect(answers[0]).toMatchObject({
      resultId: faqId,
      title: 'マイナンバーカードを紛失した場合はどうすれば良いですか。',
      helpful: 1,
      notHelpful: 2,
      comments: [{ query: 'カード なくした', comment: '電話番号が書いてありません', helpful: false }],
    });
    expect(answers).toHaveLength(2);
  });

  it('groups the queries that found nothing however they were typed', async () => {
    for (const query of ['わんこの火葬', 'ワンコの火葬？', 'わんこの 火葬', '粗大ごみ券 どこで売ってる']) {
      const response = await act(resident, 'search', { query, kinds: ['faq'] });
      expect((response.body as { results: unknown[] }).results).toEqual([]);
    }
    await act(undefined, 'search', { query: 'わんこの火葬', kinds: ['faq'] });
    const response = await editor.request('GET', '/api/plugins/knowledge/zero-results?days=7');
    expect(response.status).toBe(200);
    const { queries } = response.body as {
      queries: Array<{ query: string; count: number; variants: string[]; audiences: Record<string, number> }>;
    };
    expect(queries[0]).toMatchObject({ count: 4, audiences: { resident: 3, anonymous: 1 } });
    expect(queries[0]?.variants.length).toBeGreaterThan(0);
    expect(queries.map((group) => group.count)).toEqual([4, 1]);
  });

  it('turns a query into a synonym group that the search uses, or into an FAQ draft', async () => {
    const synonym = await act(editor, 'addSynonym', { words: ['わんこ', '犬'] });
    expect(synonym.status, JSON.stringify(synonym.body)).toBe(200);
    await eventually(async () => {
      const found = await act(resident, 'search', { query: 'わんこの火葬', kinds: ['faq'] });
      expect((found.body as { results: Array<{ recordId: string }> }).results[0]?.recordId).toBe(petsId);
    });
    const draft = await act(editor, 'draftFaq', { question: '粗大ごみ券 どこで売ってる' });
    expect(draft.status).toBe(200);
    const { id } = draft.body as { id: string };
    const record = await host.data(SYSTEM, 'knowledge').get('KnowledgeFaq', id);
    expect(record).toMatchObject({ question: '粗大ごみ券 どこで売ってる', status: 'draft', classification: 'public' });
    const notSearched = await act(resident, 'search', { query: '粗大ごみ券 どこで売ってる', kinds: ['faq'] });
    expect((notSearched.body as { results: unknown[] }).results).toEqual([]);

    expect((await act(editor, 'addSynonym', { words: ['ひとつだけ'] })).status).toBe(422);
  });

  it('is for knowledge staff only', async () => {
    const reader = await host.signInAs('staff', 'sato', []);
    for (const client of [resident, reader]) {
      expect((await client.request('GET', '/api/plugins/knowledge/feedback')).status).toBe(403);
      expect((await client.request('GET', '/api/plugins/knowledge/zero-results')).status).toBe(403);
      expect((await act(client, 'draftFaq', { question: 'x' })).status).toBe(403);
    }
    expect((await host.request('GET', '/api/plugins/knowledge/zero-results')).status).toBe(401);
  });
});
