import type { TestHost, TestHostClient } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCase, createProfile, databaseKinds, SYSTEM, signIn, signInStaffOf, startCrm } from './support.ts';

describe.each(databaseKinds())('staff page routes on %s', (kind) => {
  let host: TestHost;
  let clerk: TestHostClient;
  let manager: TestHostClient;
  let resident: string;

  beforeAll(async () => {
    ({ host } = await startCrm(kind));
    clerk = await signInStaffOf(host, '環境局', ['crm-staff']);
    manager = await signInStaffOf(host, '市民の声を聞く課', ['crm-manager']);
    const person = await signIn(host, 'resident', ['crm-resident']);
    resident = person.actor.kind === 'principal' ? person.actor.id : '';
    const data = host.data(SYSTEM);
    await createProfile(data, resident);
    await createCase(data, { subject: '収集日の確認', resident });
    const late = await createCase(data, { subject: '除雪の苦情', channel: 'counter' });
    await data.update('Case', String(late.id), { dueAt: '2026-01-05T00:00:00.000Z' });
    await createCase(data, { subject: '保育園の入園', category: 'childcare', department: '子ども未来局' });
    const water = await data.create('IntegrationSystem', { code: 'water', name: '水道局', status: 'active' });
    for (const [externalId, status] of [
      ['W-1', '審査中'],
      ['W-2', '審査中'],
      ['W-3', '完了'],
    ]) {
      await data.create('ExternalApplication', {
        system: String(water.id),
        externalId,
        status,
        statusAt: '2026-11-01T00:00:00.000Z',
      });
    }
    await host.settled();
  });
  afterAll(async () => host?.close());

  const subjects = (body: { items: Array<{ subject: string }> }) => body.items.map((item) => item.subject).sort();

  it('lists the cases of the clerk’s department, filtered by channel, resident and the SLA', async () => {
    const all = await clerk.request('GET', '/api/plugins/crm/cases');
    expect(all.status).toBe(200);
    expect(subjects(all.body)).toEqual(['収集日の確認', '除雪の苦情']);
    expect(all.body.next).toBeNull();
    expect(subjects((await clerk.request('GET', '/api/plugins/crm/cases?channel=counter')).body)).toEqual([
      '除雪の苦情',
    ]);
    expect(subjects((await clerk.request('GET', `/api/plugins/crm/cases?resident=${resident}`)).body)).toEqual([
      '収集日の確認',
    ]);
    const overdue = await clerk.request('GET', '/api/plugins/crm/cases?overdue=true');
    expect(subjects(overdue.body)).toEqual(['除雪の苦情']);
    expect(overdue.body.items[0].overdue).toBe(true);
    expect((await clerk.request('GET', '/api/plugins/crm/cases?overdue=true&status=closed')).body.items).toEqual([]);
    expect(subjects((await manager.request('GET', '/api/plugins/crm/cases')).body)).toHaveLength(3);
  });

  it("counts the other systems' applications beside the cases on the manager's view", async () => {
    const board = await manager.request('GET', '/api/plugins/crm/cases/board');
    expect(board.status).toBe(200);
    expect(board.body.total).toBe(3);
    expect(board.body.applications).toEqual({
      total: 3,
      byStatus: { 審査中: 2, 完了: 1 },
      bySystem: { 水道局: 3 },
    });
  });

  it("lists a department's staff to hand a case over to, audited, and only to case staff", async () => {
    const clerkId = clerk.actor.kind === 'principal' ? clerk.actor.id : '';
    const colleagues = await manager.request(
      'GET',
      `/api/plugins/crm/staff?department=${encodeURIComponent('環境局')}`,
    );
    expect(colleagues.status).toBe(200);
    expect(colleagues.body.items).toEqual([expect.objectContaining({ id: clerkId, department: '環境局' })]);
    const everyone = await clerk.request('GET', '/api/plugins/crm/staff');
    const departments = new Set(everyone.body.items.map((member: { department: string }) => member.department));
    expect([...departments]).toEqual(expect.arrayContaining(['環境局', '市民の声を聞く課']));
    expect((await clerk.request('GET', `/api/plugins/crm/staff?department=${'x'.repeat(101)}`)).status).toBe(400);
    const tooLong = await clerk.request('GET', `/api/plugins/crm/staff?name=${'x'.repeat(101)}`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.code).toBe('crm.staff.badName');
    const person = await signIn(host, 'resident', ['crm-resident']);
    expect((await person.request('GET', '/api/plugins/crm/staff')).status).toBe(403);
    const trail = await host.request('GET', '/api/audit?limit=50', { as: 'admin' });
    const listings = (trail.body.items as Array<{ action: string; detail: Record<string, unknown> }>).filter(
      (entry) => entry.action === 'crm.directory.staff',
    );
    expect(listings.map((entry) => entry.detail.department)).toEqual([null, '環境局']);
    expect(listings[1]?.detail.listed).toBe(1);
  });

  it('finds colleagues by part of the name across departments or within one', async () => {
    const clerkId = clerk.actor.kind === 'principal' ? clerk.actor.id : '';
    const search = (query: string) => clerk.request('GET', `/api/plugins/crm/staff?${query}`);
    const byName = await search(`name=${encodeURIComponent(clerk.username.slice(0, -1).toUpperCase())}`);
    expect(byName.status).toBe(200);
    expect(byName.body.items.map((member: { id: string }) => member.id)).toContain(clerkId);
    const elsewhere = await search(
      `department=${encodeURIComponent('市民の声を聞く課')}&name=${encodeURIComponent(clerk.username)}`,
    );
    expect(elsewhere.body.items).toEqual([]);
  });

  it('refuses an unknown filter rather than widening the list', async () => {
    const answer = await clerk.request('GET', '/api/plugins/crm/cases?owner=x');
    expect(answer.status).toBe(400);
    expect(answer.body.code).toBe('crm.cases.unknownFilter');
    expect((await clerk.request('GET', '/api/plugins/crm/cases?overdue=yes')).status).toBe(400);
  });

  it('finds residents by phone number however written, by hiragana for a katakana name, or by name', async () => {
    const byPhone = await clerk.request(
      'GET',
      `/api/plugins/crm/residents/search?q=${encodeURIComponent('０１１－２１１－２１１１')}`,
    );
    expect(byPhone.status).toBe(200);
    expect(byPhone.body.items.map((item: { principal: string }) => item.principal)).toEqual([resident]);
    const byKana = await clerk.request('GET', `/api/plugins/crm/residents/search?q=${encodeURIComponent('さっぽろ')}`);
    expect(byKana.body.items.map((item: { principal: string }) => item.principal)).toEqual([resident]);
    const byName = await clerk.request('GET', `/api/plugins/crm/residents/search?q=${encodeURIComponent('花子')}`);
    expect(byName.body.items.map((item: { principal: string }) => item.principal)).toEqual([resident]);
    expect((await clerk.request('GET', '/api/plugins/crm/residents/search?q=0000000000')).body.items).toEqual([]);
  });

  it('lists the reasons a 360 may be opened for', async () => {
    const answer = await clerk.request('GET', '/api/plugins/crm/open-reasons');
    expect(answer.body.items).toContainEqual({ value: 'phone', label: { ja: '電話対応', en: 'On the phone' } });
  });
});
