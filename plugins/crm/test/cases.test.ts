import type { TestHost, TestHostClient } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  databaseKinds,
  drain,
  SYSTEM,
  setCrmSettings,
  signIn,
  signInStaffOf,
  startCrm,
  type TestClock,
} from './support.ts';

describe.each(databaseKinds())('cases on %s', (kind) => {
  let host: TestHost;
  let clock: TestClock;
  let clerk: TestHostClient;
  let colleague: TestHostClient;
  let otherDepartment: TestHostClient;
  let manager: TestHostClient;

  beforeAll(async () => {
    ({ host, clock } = await startCrm(kind));
    clerk = await signInStaffOf(host, '環境局', ['crm-staff']);
    colleague = await signInStaffOf(host, '環境局', ['crm-staff']);
    otherDepartment = await signInStaffOf(host, '子ども未来局', ['crm-staff']);
    manager = await signInStaffOf(host, '市民の声を聞く課', ['crm-manager']);
    await setCrmSettings(host, { slaHours: { waste: 24, default: 72 } });
  });
  afterAll(async () => host?.close());

  function open(client: TestHostClient, input: Record<string, unknown>) {
    return client.request('POST', '/api/actions/crm.openCase', {
      body: { channel: 'phone', category: 'waste', subject: '粗大ごみの出し方', department: '環境局', ...input },
    });
  }

  it('opens a case with its SLA, the resident as owner, and the workflow started', async () => {
    const resident = await signIn(host, 'resident', ['crm-resident']);
    const residentId = resident.actor.kind === 'principal' ? resident.actor.id : '';
    const before = clock.now().getTime();
    const answer = await open(clerk, {
      resident: residentId,
      callerPhone: '０１１－２１１－２１１１',
      assignToMe: true,
    });
    expect(answer.status).toBe(200);
    const opened = answer.body.result ?? answer.body;
    expect(opened).toMatchObject({ status: 'received', owner: residentId, callerPhone: '011-211-2111' });
    const hours = (new Date(opened.dueAt).getTime() - before) / 3_600_000;
    expect(hours).toBeGreaterThan(23.9);
    expect(hours).toBeLessThan(24.1);
    const mine = await resident.request('GET', `/api/data/Case/${opened.id}`);
    expect(mine.status).toBe(200);
    expect(mine.body.assignee).toBeUndefined();
    expect((await open(otherDepartment, {})).status).toBe(403);
  });

  it('keeps notes and handovers as history, and refuses staff of another department', async () => {
    const opened = (await open(clerk, { assignToMe: true })).body;
    const caseId = (opened.result ?? opened).id;
    const note = await clerk.request('POST', '/api/actions/crm.addNote', {
      body: { caseId, body: '折り返し電話が必要' },
    });
    expect(note.status).toBe(200);
    const colleagueId = colleague.actor.kind === 'principal' ? colleague.actor.id : '';
    // Only an enabled member of staff can take a case: not an unknown id, nothing changes.
    const toNobody = await clerk.request('POST', '/api/actions/crm.handOver', {
      body: { caseId, to: '00000000-0000-4000-8000-00000000dead', body: '誤った引き継ぎ' },
    });
    expect(toNobody.status).toBe(422);
    expect(toNobody.body.errors[0]).toMatchObject({ pointer: '/to', code: 'crm.case.unknownAssignee' });
    const handover = await clerk.request('POST', '/api/actions/crm.handOver', {
      body: { caseId, to: colleagueId, body: '午後は不在のため引き継ぎ' },
    });
    expect(handover.status).toBe(200);
    const refused = await otherDepartment.request('POST', '/api/actions/crm.addNote', {
      body: { caseId, body: '横から' },
    });
    expect(refused.status).toBe(404);
    const history = await colleague.request('GET', `/api/data/CaseNote?filter[case][eq]=${caseId}&sort=createdAt`);
    expect(history.body.items.map((item: { kind: string }) => item.kind)).toEqual(['note', 'handover']);
    const clerkId = clerk.actor.kind === 'principal' ? clerk.actor.id : '';
    expect(history.body.items[1]).toMatchObject({ fromAssignee: clerkId, toAssignee: colleagueId });
    const cannotWrite = await colleague.request('POST', '/api/data/CaseNote', {
      body: { case: caseId, kind: 'note', body: 'x', author: 'x' },
    });
    expect(cannotWrite.status).toBe(403);
  });

  it('reminds the assignee on the follow-up date, live, and not for a moved date', async () => {
    const opened = (await open(clerk, { assignToMe: true })).body;
    const caseId = (opened.result ?? opened).id;
    const clerkId = clerk.actor.kind === 'principal' ? clerk.actor.id : '';
    const socket = await host.realtime(clerk);
    await socket.join('crm.cases', `staff:${clerkId}`);
    const first = new Date(clock.now().getTime() + 2 * 3_600_000).toISOString();
    const moved = new Date(clock.now().getTime() + 5 * 3_600_000).toISOString();
    for (const at of [first, moved]) {
      const answer = await clerk.request('POST', '/api/actions/crm.scheduleFollowUp', {
        body: { caseId, at, body: '再確認' },
      });
      expect(answer.status).toBe(200);
    }
    clock.advance(3 * 3_600_000);
    await drain(host, clock);
    expect(socket.messages.filter((m) => m.event === 'case.followUpDue')).toHaveLength(0);
    clock.advance(3 * 3_600_000);
    await drain(host, clock);
    const reminder = await socket.waitForMessage((m) => m.event === 'case.followUpDue');
    expect(reminder.payload).toMatchObject({ id: caseId, followUpAt: moved });
    const past = await clerk.request('POST', '/api/actions/crm.scheduleFollowUp', {
      body: { caseId, at: '2020-01-01T00:00:00Z', body: '過去' },
    });
    expect(past.status).toBe(422);
  });

  it("shows the manager every department's counts, overdue first, filtered, exported and live", async () => {
    await open(otherDepartment, { department: '子ども未来局', category: 'childcare', subject: '保育園の空き' });
    const socket = await host.realtime(manager);
    await socket.join('crm.cases', 'board');
    clock.advance(30 * 3_600_000);
    const fresh = (await open(clerk, { subject: '新しい問い合わせ' })).body;
    await host.settled();
    const live = await socket.waitForMessage(
      (m) => m.event === 'case.changed' && (m.payload as { id: string }).id === (fresh.result ?? fresh).id,
    );
    expect(live.payload).toMatchObject({ status: 'received', department: '環境局', overdue: false });

    const board = await manager.request('GET', '/api/plugins/crm/cases/board');
    expect(board.status).toBe(200);
    expect(board.body.byDepartment).toMatchObject({ 子ども未来局: 1 });
    expect(board.body.byDepartment.環境局).toBeGreaterThanOrEqual(4);
    expect(board.body.byState.received).toBe(board.body.total);
    // The waste cases' 24-hour SLA has passed; the childcare case (72 hours) and the new one are in time.
    expect(board.body.overdue).toBe(board.body.total - 2);
    expect(board.body.cases[0].overdue).toBe(true);
    expect(board.body.cases.slice(-2).map((row: { subject: string }) => row.subject)).toEqual([
      '新しい問い合わせ',
      '保育園の空き',
    ]);
    const aged = Object.values(board.body.byAge as Record<string, number>).reduce((sum, n) => sum + n, 0);
    expect(aged).toBe(board.body.total);

    const filtered = await manager.request('GET', '/api/plugins/crm/cases/board?department=子ども未来局');
    expect(filtered.body.total).toBe(1);
    const ownOnly = await otherDepartment.request('GET', '/api/plugins/crm/cases/board');
    expect(Object.keys(ownOnly.body.byDepartment)).toEqual(['子ども未来局']);
    expect((await manager.request('GET', '/api/plugins/crm/cases/board?body=x')).status).toBe(400);

    const csv = await manager.request('GET', '/api/plugins/crm/cases/export.csv?category=childcare');
    expect(csv.status).toBe(200);
    const lines = String(csv.body)
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe(
      'id,subject,channel,category,kind,status,department,assignee,dueAt,followUpAt,createdAt,overdue',
    );
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain('保育園の空き');
    expect(await host.data(SYSTEM).count('Case')).toBe(board.body.total);
  });
});
