import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, startHost, type TestHost } from './support.ts';

describe.each(databaseKinds())('knowledge.passages on %s', (kind) => {
  let host: TestHost;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    host = await startHost(kind);
    const data = host.data({ kind: 'system' });
    const faq = (externalId: string, classification: string, status = 'published', ownerDepartment = '市民課') =>
      data.create('KnowledgeFaq', {
        externalId,
        question: `${externalId} の質問`,
        answer: `${externalId} の答え。手数料は1,000円です。`,
        url: 'https://www.city.example.jp/faq',
        classification,
        status,
        ownerDepartment,
      });
    for (const [name, classification, status, department] of [
      ['public', 'public', 'published', '市民課'],
      ['staff', 'staff', 'published', '市民課'],
      ['draft', 'public', 'draft', '市民課'],
      ['citizens-confidential', 'confidential', 'published', '市民課'],
      ['welfare-confidential', 'confidential', 'published', '福祉課'],
    ] as const) {
      ids[name] = `KnowledgeFaq:${(await faq(name, classification, status, department)).id}`;
    }
    // Starting the plugin loads its dictionary: slow on a loaded machine.
  }, 300_000);
  afterAll(() => host?.close());

  it('answers the whole passages the caller may find, in the order asked, and leaves out the rest', async () => {
    const resident = await host.signInAs('resident', 'hanako', []);
    const asked = [ids.staff, ids.public, ids.draft, 'KnowledgeFaq:00000000-0000-4000-8000-000000000000'];
    const forResident = await resident.request('POST', '/api/actions/knowledge.passages', { body: { ids: asked } });
    expect(forResident.status).toBe(200);
    expect(forResident.body.passages).toEqual([
      {
        id: ids.public,
        entity: 'KnowledgeFaq',
        recordId: ids.public?.split(':')[1],
        externalId: 'public',
        title: 'public の質問',
        text: 'public の答え。手数料は1,000円です。',
        url: 'https://www.city.example.jp/faq',
        classification: 'public',
        department: '市民課',
      },
    ]);
    const staff = await host.signInAs('staff', 'taro', []);
    const forStaff = await staff.request('POST', '/api/actions/knowledge.passages', { body: { ids: asked } });
    expect(forStaff.body.passages.map((passage: { externalId: string }) => passage.externalId)).toEqual([
      'staff',
      'public',
    ]);
  });

  it('gives staff the confidential knowledge their own department owns, and no other department’s', async () => {
    const asked = [ids['citizens-confidential'], ids['welfare-confidential'], ids.public];
    const passagesFor = async (client: Awaited<ReturnType<TestHost['signInAs']>>) =>
      (await client.request('POST', '/api/actions/knowledge.passages', { body: { ids: asked } })).body.passages.map(
        (passage: { externalId: string }) => passage.externalId,
      );
    const clerk = await host.signInAs('staff', 'shimin-clerk', [], { department: '市民課' });
    expect(await passagesFor(clerk)).toEqual(['citizens-confidential', 'public']);
    const elsewhere = await host.signInAs('staff', 'kankyo-clerk', [], { department: '環境局' });
    expect(await passagesFor(elsewhere)).toEqual(['public']);
    const cityWide = await host.signInAs('staff', 'records-officer', ['knowledge-confidential']);
    expect(await passagesFor(cityWide)).toEqual(['citizens-confidential', 'welfare-confidential', 'public']);

    const search = await clerk.request('POST', '/api/actions/knowledge.search', {
      body: { query: 'confidential の質問', limit: 10 },
    });
    const found = search.body.results.map(
      (result: { entity: string; recordId: string }) => `${result.entity}:${result.recordId}`,
    );
    expect(found).toContain(ids['citizens-confidential']);
    expect(found).not.toContain(ids['welfare-confidential']);
  });

  it('refuses ids that name no knowledge entity', async () => {
    const resident = await host.signInAs('resident', 'jiro', []);
    const bad = await resident.request('POST', '/api/actions/knowledge.passages', {
      body: { ids: ['Principal:00000000-0000-4000-8000-000000000000'] },
    });
    expect([bad.status, bad.body.code]).toEqual([422, 'action.invalidInput']);
  });
});
