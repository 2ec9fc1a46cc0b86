import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestClient, type TestEngine, testDatabaseKinds } from '../engine/src/testing/index.ts';
import { addBusinessDays } from '../engine/src/workflow/index.ts';

const APP = resolve(import.meta.dirname, '../examples/subsidy-application/metadata');

const application = {
  applicantName: '山田 花子',
  program: 'homeInsulation',
  purpose: '窓の断熱改修',
  amount: 300_000,
};

describe.each(testDatabaseKinds())('the subsidy application workflow with approval (#47) on %s', (kind) => {
  let host: TestEngine;
  let resident: TestClient;
  let clerk: TestClient;
  let reviewer: TestClient;
  let manager: TestClient;
  let director: TestClient;
  let residentId: string;

  const move = (client: TestClient, id: string, name: string, body: object = {}) =>
    client.request('POST', `/api/workflows/SubsidyApplication/${id}/transitions/${name}`, { body });
  const inbox = async (client: TestClient, id: string) =>
    (await client.request('GET', '/api/tasks')).body.items.filter((task: { recordId: string }) => task.recordId === id);
  const apply = async (overrides: object = {}) =>
    (await resident.request('POST', '/api/data/SubsidyApplication', { body: { ...application, ...overrides } })).body
      .id as string;

  beforeAll(async () => {
    host = await startTestEngine(kind, [APP]);
    resident = await host.principal('resident', 'hanako', ['subsidy-applicant']);
    clerk = await host.principal('staff', 'clerk', ['subsidy-clerk']);
    reviewer = await host.principal('staff', 'reviewer', ['subsidy-clerk'], { department: '環境政策課' });
    manager = await host.principal('staff', 'manager', ['subsidy-manager']);
    director = await host.principal('staff', 'director', ['subsidy-director']);
    residentId = (await resident.request('GET', '/api/auth/me')).body.principal.id;
  });
  afterAll(() => host.close());

  it('takes no self sign-ups: no role of this app is granted to them', async () => {
    const refused = await host.client().request('POST', '/api/auth/signup', {
      body: { username: 'newcomer', password: 'a-long-enough-passphrase' },
    });
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('auth.signUpClosed');
  });

  it('takes an application from intake to approval, with the review task on the department', async () => {
    const id = await apply();
    expect(await inbox(clerk, id)).toEqual([
      expect.objectContaining({ assignee: { kind: 'role', value: 'subsidy-clerk' } }),
    ]);

    expect((await move(clerk, id, 'startReview')).status).toBe(200);
    expect(await inbox(clerk, id)).toEqual([]);
    expect(await inbox(reviewer, id)).toEqual([
      expect.objectContaining({ state: 'reviewing', assignee: { kind: 'department', value: '環境政策課' } }),
    ]);

    expect((await move(reviewer, id, 'recommend')).status).toBe(200);
    expect(await inbox(manager, id)).toEqual([expect.objectContaining({ state: 'awaitingApproval' })]);
    expect((await move(clerk, id, 'approve')).status).toBe(403);

    const approved = await move(manager, id, 'approve');
    expect(approved.status).toBe(200);
    expect(approved.body.state).toMatchObject({ name: 'approved', final: true });
    expect(approved.body.transitions).toEqual([]);

    const record = await resident.request('GET', `/api/data/SubsidyApplication/${id}`);
    expect(record.body.status).toBe('approved');
    expect(record.body.decidedAt).not.toBeNull();
    // The notice was created by the workflow in the same transaction, owned by the applicant.
    const notices = await resident.request('GET', `/api/data/SubsidyApplication/${id}/notices`);
    expect(notices.body.items).toEqual([
      expect.objectContaining({ decision: 'approved', amount: 300_000, owner: residentId }),
    ]);
    expect(await inbox(manager, id)).toEqual([]);
    expect((await move(manager, id, 'reject', { comment: '取消し' })).status).toBe(409);
  });

  it('refuses to send an application over the limit for approval: the guard rule', async () => {
    const id = await apply({ amount: 2_000_000 });
    await move(clerk, id, 'startReview');
    const refused = await move(reviewer, id, 'recommend');
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('workflow.guardFailed');
    expect((await reviewer.request('GET', `/api/workflows/SubsidyApplication/${id}`)).body.transitions).toEqual([
      expect.objectContaining({ name: 'sendBack', commentRequired: true }),
    ]);
  });

  it('sends back to the applicant, who corrects and resubmits', async () => {
    const id = await apply({ amount: 1_500_000 });
    const sentBack = await move(clerk, id, 'sendBack', { comment: '上限を超えています。' });
    expect(sentBack.status).toBe(200);
    const current = await resident.request('GET', `/api/data/SubsidyApplication/${id}`);
    const corrected = await resident.request('PATCH', `/api/data/SubsidyApplication/${id}`, {
      body: { amount: 900_000 },
      headers: { 'if-match': current.headers.get('etag') as string },
    });
    expect(corrected.status).toBe(200);
    const resubmitted = await move(resident, id, 'resubmit');
    expect(resubmitted.status).toBe(200);
    expect(resubmitted.body.state.name).toBe('submitted');
    expect(resubmitted.body.history.map((line: { to: string }) => line.to)).toEqual([
      'submitted',
      'returned',
      'submitted',
    ]);
    // Once submitted, the applicant can no longer change it.
    const again = await resident.request('GET', `/api/data/SubsidyApplication/${id}`);
    const locked = await resident.request('PATCH', `/api/data/SubsidyApplication/${id}`, {
      body: { amount: 1 },
      headers: { 'if-match': again.headers.get('etag') as string },
    });
    expect(locked.status).toBe(404);
  });

  it('moves an undecided approval to the director after 3 business days', async () => {
    const id = await apply({ amount: 100_000 });
    await move(clerk, id, 'startReview');
    const recommended = await move(reviewer, id, 'recommend');
    const enteredAt = new Date(recommended.body.history.at(-1).at);
    await host.engine.workflows.fireDueTimers(new Date(addBusinessDays(enteredAt, 3).getTime() + 1000));
    expect(await inbox(manager, id)).toEqual([]);
    expect(await inbox(director, id)).toEqual([
      expect.objectContaining({ assignee: { kind: 'role', value: 'subsidy-director' } }),
    ]);
    const rejected = await move(director, id, 'reject', { comment: '予算の上限に達しました。' });
    expect(rejected.status).toBe(200);
    const notices = await resident.request('GET', `/api/data/SubsidyApplication/${id}/notices`);
    expect(notices.body.items.map((notice: { decision: string }) => notice.decision)).toEqual(['rejected']);
  });
});
