import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestClient, type TestEngine, testDatabaseKinds } from '../testing/index.ts';

const APP = resolve(import.meta.dirname, '../../../examples/library-card/metadata');

const over30 = {
  kind: 'rule',
  name: 'applicants-over-30',
  label: { ja: '30歳以上の申請者', en: 'Applicants aged 30 or more' },
  entity: 'Applicant',
  use: 'segment',
  condition: { all: [{ fact: 'age', of: 'birthDate', op: 'gte', value: 30 }] },
};

describe.each(testDatabaseKinds())('segment preview on %s', (kind) => {
  let host: TestEngine;
  let librarian: TestClient;
  let hanako: TestClient;

  beforeAll(async () => {
    host = await startTestEngine(kind, [APP]);
    const admin = await host.signIn('admin', 'test-admin-password');
    const published = await admin.request('POST', '/api/metadata/publish', { body: { upserts: [over30] } });
    expect(published.status).toBe(200);
    librarian = await host.principal('staff', 'librarian1', ['librarian']);
    hanako = await host.principal('resident', 'hanako', ['resident']);
    const taro = await host.principal('resident', 'taro', ['resident']);
    const applicant = (name: string, birthDate: string) => ({ name, nameKana: 'テスト', birthDate });
    await hanako.request('POST', '/api/data/Applicant', { body: applicant('山田 花子', '1980-01-01') });
    await hanako.request('POST', '/api/data/Applicant', { body: applicant('山田 次郎', '2015-01-01') });
    await taro.request('POST', '/api/data/Applicant', { body: applicant('佐藤 太郎', '1970-01-01') });
  });
  afterAll(() => host.close());

  it('counts and samples the records the rule selects', async () => {
    const preview = await librarian.request('POST', '/api/segments/applicants-over-30/preview');
    expect(preview.status).toBe(200);
    expect(preview.body.count).toBe(2);
    expect(preview.body.sample.map((record: { name: string }) => record.name).sort()).toEqual([
      '佐藤 太郎',
      '山田 花子',
    ]);
  });

  it('never counts rows the caller may not read', async () => {
    const preview = await hanako.request('POST', '/api/segments/applicants-over-30/preview');
    expect(preview.body).toMatchObject({ count: 1, sample: [expect.objectContaining({ name: '山田 花子' })] });
  });

  it('answers 404 for a rule that is not published', async () => {
    const missing = await librarian.request('POST', '/api/segments/nothing/preview');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('rule.notFound');
  });
});
