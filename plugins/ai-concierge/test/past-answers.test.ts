import { createCrmPlugin } from '@kiban/plugin-crm';
import { knowledgePlugin } from '@kiban/plugin-knowledge';
import { createTestHost, type TestHost, type TestHostClient } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aiConciergePlugin } from '../src/index.ts';
import { databaseKinds, SEEDING_TIMEOUT } from './support.ts';

const WASTE = '環境局';

/** An inquiry as the CRM keeps it: opened by a clerk, taken on, answered through the case workflow. */
async function answeredCase(clerk: TestHostClient, subject: string, body: string, answer: string) {
  const opened = await clerk.request('POST', '/api/actions/crm.openCase', {
    body: { channel: 'phone', category: 'waste', subject, body, department: WASTE, assignToMe: true },
  });
  expect(opened.status).toBe(200);
  const id = (opened.body.result ?? opened.body).id as string;
  const step = (transition: string) =>
    clerk.request('POST', `/api/workflows/Case/${id}/transitions/${transition}`, { body: {} });
  expect((await step('accept')).status).toBe(200);
  const current = await clerk.request('GET', `/api/data/Case/${id}`);
  const written = await clerk.request('PATCH', `/api/data/Case/${id}`, {
    body: { answer },
    headers: { 'if-match': `"${current.body.version}"` },
  });
  expect(written.status).toBe(200);
  expect((await step('answer')).status).toBe(200);
  return id;
}

describe.each(databaseKinds())('suggestions from answers given to like inquiries, on %s', (kind) => {
  let host: TestHost;
  let clerk: TestHostClient;
  let sofaCase: string;

  beforeAll(async () => {
    host = await createTestHost({ plugins: [knowledgePlugin(), createCrmPlugin(), aiConciergePlugin()], kind });
    clerk = await host.signInAs('staff', 'waste-clerk', ['crm-staff'], { department: WASTE });
    sofaCase = await answeredCase(
      clerk,
      'ソファーの粗大ごみの申込み',
      'ソファーを粗大ごみで出したい。申込み方法を知りたい。',
      '山田太郎様、粗大ごみ受付センター（電話 078-392-7625）へお申し込みください。',
    );
    await answeredCase(clerk, '犬の登録', '犬を飼い始めたので登録したい', '保健所で登録できます。');
  }, SEEDING_TIMEOUT);
  afterAll(async () => host?.close());

  it('offers the answer staff gave to a like inquiry, masked, and nothing for another subject', async () => {
    const suggest = (client: TestHostClient, inquiry: string) =>
      client.request('POST', '/api/actions/ai-concierge.suggest', { body: { inquiry } });
    const { status, body } = await suggest(clerk, 'ソファーを粗大ごみに出す申込みはどうすればいいですか');
    expect(status).toBe(200);
    expect(body.pastAnswers).toHaveLength(1);
    expect(body.pastAnswers[0]).toMatchObject({ caseId: sofaCase, subject: 'ソファーの粗大ごみの申込み' });
    // The earlier resident's name and phone number were written to them, not to the next one.
    expect(body.pastAnswers[0].answer).toContain('粗大ごみ受付センター');
    expect(body.pastAnswers[0].answer).not.toContain('山田');
    expect(body.pastAnswers[0].answer).not.toContain('078-392-7625');

    expect((await suggest(clerk, '図書館の本の返し方')).body.pastAnswers).toEqual([]);

    // Staff whose policies do not reach the waste department's cases are offered none of them.
    const other = await host.signInAs('staff', 'library-clerk', ['crm-staff'], { department: '図書館' });
    expect((await suggest(other, 'ソファーを粗大ごみに出す申込みはどうすればいいですか')).body.pastAnswers).toEqual([]);
    const withoutCrmRole = await host.signInAs('staff', 'no-crm-clerk', [], { department: WASTE });
    const drafted = await suggest(withoutCrmRole, 'ソファーを粗大ごみに出す申込みはどうすればいいですか');
    expect(drafted.status).toBe(200);
    expect(drafted.body.pastAnswers).toEqual([]);
  });

  it('offers nothing from cases when the CRM does not run', async () => {
    const alone = await createTestHost({ plugins: [knowledgePlugin(), aiConciergePlugin()], kind });
    try {
      const staff = await alone.signInAs('staff', 'clerk', []);
      const { body } = await staff.request('POST', '/api/actions/ai-concierge.suggest', {
        body: { inquiry: 'ソファーを粗大ごみに出す申込み' },
      });
      expect(body.pastAnswers).toEqual([]);
    } finally {
      await alone.close();
    }
  });
});
