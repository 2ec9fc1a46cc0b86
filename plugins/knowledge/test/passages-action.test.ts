import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, startHost, type TestHost } from './support.ts';

describe.each(databaseKinds())('knowledge.passages on %s', (kind) => {
  let host: TestHost;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    host = await startHost(kind);
    const data = host.data({ kind: 'system' });
    const faq = (externalId: string, classification: string, status = 'published') =>
      data.create('KnowledgeFaq', {
        externalId,
        question: `${externalId} の質問`,
        answer: `${externalId} の答え。手数料は1,000円です。`,
        url: 'https://www.city.example.jp/faq',
        classification,
        status,
        ownerDepartment: '市民課',
      });
    for (const [name, classification, status] of [
      ['public', 'public', 'published'],
      ['staff', 'staff', 'published'],
      ['draft', 'public', 'draft'],
    ] as const) {
      ids[name] = `KnowledgeFaq:${(await faq(name, classification, status)).id}`;
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

  it('refuses ids that name no knowledge entity', async () => {
    const resident = await host.signInAs('resident', 'jiro', []);
    const bad = await resident.request('POST', '/api/actions/knowledge.passages', {
      body: { ids: ['Principal:00000000-0000-4000-8000-000000000000'] },
    });
    expect([bad.status, bad.body.code]).toEqual([422, 'action.invalidInput']);
  });
});
