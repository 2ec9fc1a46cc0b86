import type { TestHost, TestHostClient } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase, databaseKinds, SYSTEM, signIn, signInStaffOf, startCrm } from './support.ts';

/**
 * Named case filters kept on the server per member of staff (shared with their department on
 * request, changed only by their owner), and the board's counts drilling down to the list.
 */
describe.each(databaseKinds())('saved filters and the board’s drill-down on %s', (kind) => {
  let host: TestHost;
  let clerk: TestHostClient;
  let colleague: TestHostClient;
  let elsewhere: TestHostClient;
  let manager: TestHostClient;

  const filters = (as: TestHostClient) => as.request('GET', '/api/plugins/crm/cases/filters');
  const save = (as: TestHostClient, body: unknown) => as.request('POST', '/api/plugins/crm/cases/filters', { body });
  const names = (answer: { body: { items: Array<{ name: string }> } }) => answer.body.items.map((item) => item.name);

  beforeAll(async () => {
    ({ host } = await startCrm(kind));
    clerk = await signInStaffOf(host, '環境局', ['crm-staff']);
    colleague = await signInStaffOf(host, '環境局', ['crm-staff']);
    elsewhere = await signInStaffOf(host, '子ども未来局', ['crm-staff']);
    manager = await signInStaffOf(host, '市民の声を聞く課', ['crm-manager']);
    const data = host.data(SYSTEM);
    await createCase(data, { subject: '今日の相談' });
    const old = await createCase(data, { subject: '先週の相談' });
    // Came in ten days ago: the board's oldest age bucket.
    await host
      .context('crm')
      .sql.query(`update public.app_case set created_at = now() - interval '10 days' where id = $1`, [old.id]);
    await host.settled();
  });
  afterAll(async () => host?.close());

  it('keeps a filter per member of staff, shares it with their department only, and opens it as the list', async () => {
    const mine = await save(clerk, { name: '自分の期限超過', query: 'overdue=true&assignee=me-not-set' });
    expect(mine.status).toBe(201);
    const shared = await save(clerk, { name: '電話の受付', query: '?status=received&channel=phone', shared: true });
    expect(shared.status).toBe(201);
    expect(shared.body).toMatchObject({
      query: 'channel=phone&status=received',
      sharedDepartment: '環境局',
      mine: true,
    });
    expect(names(await filters(clerk))).toEqual(['自分の期限超過', '電話の受付']);
    expect((await filters(colleague)).body.items).toEqual([
      expect.objectContaining({ name: '電話の受付', mine: false }),
    ]);
    expect(names(await filters(elsewhere))).toEqual([]);
    const list = await clerk.request('GET', `/api/plugins/crm/cases?${shared.body.query}`);
    expect(list.status).toBe(200);
  });

  it('renames and deletes for the owner only; another’s is not found and stays', async () => {
    const [, shared] = (await filters(clerk)).body.items as Array<{ id: string }>;
    const path = `/api/plugins/crm/cases/filters/${shared?.id}`;
    expect((await colleague.request('PATCH', path, { body: { name: '乗っ取り' } })).status).toBe(404);
    expect((await colleague.request('DELETE', path)).status).toBe(404);
    const renamed = await clerk.request('PATCH', path, { body: { name: '電話・受付のみ' } });
    expect(renamed.status).toBe(200);
    expect(names(await filters(colleague))).toEqual(['電話・受付のみ']);
    const unshared = await clerk.request('PATCH', path, { body: { shared: false } });
    expect(unshared.body.sharedDepartment).toBeNull();
    expect(names(await filters(colleague))).toEqual([]);
    expect((await clerk.request('DELETE', path)).status).toBe(204);
    expect(names(await filters(clerk))).toEqual(['自分の期限超過']);
  });

  it('refuses a bad filter, a taken name and anyone but case staff, keeping nothing', async () => {
    const unknown = await save(clerk, { name: '誤り', query: 'colour=red' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.errors[0].pointer).toBe('/colour');
    expect((await save(clerk, { name: '', query: '' })).status).toBe(422);
    expect((await save(clerk, { name: '自分の期限超過', query: '' })).status).toBe(409);
    expect((await save(clerk, { name: 'x', query: '', owner: 'someone' })).status).toBe(400);
    const resident = await signIn(host, 'resident', ['crm-resident']);
    expect((await save(resident, { name: '住民', query: '' })).status).toBe(403);
    expect((await filters(resident)).status).toBe(403);
    expect(names(await filters(clerk))).toEqual(['自分の期限超過']);
  });

  it('drills the board’s counts by state, department and age down to the same cases in the list', async () => {
    const board = (await manager.request('GET', '/api/plugins/crm/cases/board')).body;
    const listed = async (query: string) => {
      const page = await manager.request('GET', `/api/plugins/crm/cases?${query}`);
      expect(page.status).toBe(200);
      return page.body.items.length;
    };
    for (const [state, count] of Object.entries(board.byState as Record<string, number>)) {
      expect(await listed(`status=${state}`)).toBe(count);
    }
    for (const [department, count] of Object.entries(board.byDepartment as Record<string, number>)) {
      expect(await listed(`department=${encodeURIComponent(department)}`)).toBe(count);
    }
    expect(board.byAge).toEqual({ under1d: 1, over7d: 1 });
    for (const [age, count] of Object.entries(board.byAge as Record<string, number>)) {
      expect(await listed(`age=${age}`)).toBe(count);
    }
    expect(await listed('overdue=true')).toBe(board.overdue);
    expect((await manager.request('GET', '/api/plugins/crm/cases?age=forever')).status).toBe(400);
  });
});
