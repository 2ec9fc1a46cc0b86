import type { TestHostClient } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, startHost, type TestHost } from './support.ts';

/**
 * A search finds every passage committed before it began: the index of a process is not left
 * to its timed refresh, so an FAQ published a moment ago is found (and quoted by the concierge)
 * at once. Each search here runs immediately after the record's change was handled, in a
 * corpus of one and then two documents, where idf and coverage have the least to work with.
 */
describe.each(databaseKinds())('a knowledge search right after a change on %s', (kind) => {
  let host: TestHost;
  let resident: TestHostClient;

  beforeAll(async () => {
    host = await startHost(kind);
    resident = await host.signInAs('resident', 'hanako', []);
    // Starting the plugin loads its dictionary: slow on a loaded machine.
  }, 300_000);
  afterAll(() => host?.close());

  const publish = async (externalId: string, question: string, answer: string) => {
    const created = await host.data({ kind: 'system' }, 'knowledge').create('KnowledgeFaq', {
      externalId,
      question,
      answer,
      classification: 'public',
      status: 'published',
    });
    await host.settled();
    return String(created.id);
  };

  const found = async (query: string) => {
    const response = await resident.request('POST', '/api/actions/knowledge.search', { body: { query } });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return (response.body as { results: Array<{ recordId: string; score: number }> }).results;
  };

  it('finds the only document of the corpus, then each of two, the moment they are published', async () => {
    const library = await publish('city-1', '図書館の開館時間は？', '図書館は午前9時から午後7時まで開いています。');
    const [only] = await found('図書館は何時まで開いていますか');
    expect(only?.recordId).toBe(library);
    expect(only?.score).toBeGreaterThan(0);

    const pool = await publish('city-2', '市民プールの料金は？', '市民プールの利用料金は大人500円です。');
    expect((await found('プールの料金はいくらですか'))[0]?.recordId).toBe(pool);
    expect((await found('図書館は何時まで開いていますか'))[0]?.recordId).toBe(library);
  });

  it('no longer finds a document the moment it is withdrawn', async () => {
    const notice = await publish('city-3', '臨時休館のお知らせ', '体育館は改修のため臨時休館します。');
    expect((await found('体育館の臨時休館'))[0]?.recordId).toBe(notice);
    await host.data({ kind: 'system' }, 'knowledge').update('KnowledgeFaq', notice, { status: 'draft' });
    await host.settled();
    expect((await found('体育館の臨時休館')).map((result) => result.recordId)).not.toContain(notice);
  });
});
