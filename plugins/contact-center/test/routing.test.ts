import type { TestHost, TestHostClient } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE } from '../src/roles.ts';
import {
  act,
  clientId,
  databaseKinds,
  idOf,
  operatorFor,
  resident,
  SLOW_TEST_MS,
  staff,
  startContactCenter,
  type TestClock,
} from './support.ts';

describe.each(databaseKinds())('routing and the console on %s', { timeout: SLOW_TEST_MS }, (kind) => {
  let host: TestHost;
  let clock: TestClock;
  let supervisor: TestHostClient;

  beforeAll(async () => {
    ({ host, clock } = await startContactCenter(kind));
    supervisor = await staff(host, [ROLE.supervisor]);
  }, SLOW_TEST_MS);
  afterAll(async () => host?.close());

  const sql = <R>(text: string, params: unknown[] = []) => host.context().sql.query<R>(text, params);

  const residentsOf = new Map<string, TestHostClient>();

  /** Conversations of a resident each, into `queue` (through its category). */
  async function waitingIn(category: string, count: number): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < count; i += 1) {
      const client = await resident(host);
      const started = await act(client, 'start', { category });
      residentsOf.set(started.body.id, client);
      ids.push(started.body.id);
    }
    return ids;
  }

  it('gives one conversation to one of several operators accepting at once', async () => {
    const operators = await Promise.all(
      [0, 1, 2].map(() => operatorFor(host, supervisor, { code: 'race', skill: 'race', category: 'race' })),
    );
    for (const operator of operators) await act(operator, 'setPresence', { presence: 'busy' });
    const [conversationId] = await waitingIn('race', 1);
    const answers = await Promise.all(operators.map((operator) => act(operator, 'accept', { conversationId })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409, 409]);
    expect(answers.filter((a) => a.status === 409).map((a) => a.body.code)).toEqual([
      'contact-center.alreadyTaken',
      'contact-center.alreadyTaken',
    ]);
    const seats = await sql<{ active: number }>(
      'select sum(active)::int as active from operator where $1 = any(skills)',
      ['race'],
    );
    expect(seats.rows[0]?.active).toBe(1);
  });

  it('never lets one operator take more than their capacity, however many accept at once', async () => {
    const operator = await operatorFor(
      host,
      supervisor,
      { code: 'cap', skill: 'cap', category: 'cap' },
      { capacity: 2 },
    );
    await act(operator, 'setPresence', { presence: 'busy' });
    const ids = await waitingIn('cap', 4);
    const answers = await Promise.all(ids.map((conversationId) => act(operator, 'accept', { conversationId })));
    expect(answers.filter((answer) => answer.status === 200)).toHaveLength(2);
    expect(answers.filter((answer) => answer.body.code === 'contact-center.atCapacity')).toHaveLength(2);
    const console = await operator.request('GET', '/api/plugins/contact-center/console');
    expect(console.body.mine).toHaveLength(2);
    expect(console.body.waiting).toHaveLength(2);
  });

  it('distributes waiting chats to the longest-idle available operator with a free seat, never twice', async () => {
    const early = await operatorFor(host, supervisor, { code: 'acd', skill: 'acd', category: 'acd' }, { capacity: 2 });
    const late = await operatorFor(host, supervisor, { code: 'acd', skill: 'acd', category: 'acd' }, { capacity: 2 });
    await act(early, 'setPresence', { presence: 'available' });
    await act(late, 'setPresence', { presence: 'available' });
    const [first] = await waitingIn('acd', 1);
    const firstRow = await sql<{ assigned_to: string }>('select assigned_to from conversation where id = $1', [first]);
    expect(firstRow.rows[0]?.assigned_to).toBe(idOf(early.actor));

    const residents = await Promise.all([0, 1, 2, 3, 4].map(() => resident(host)));
    await Promise.all(residents.map((r) => act(r, 'start', { category: 'acd' })));
    const seats = await sql<{ principal: string; active: number; capacity: number }>(
      'select principal, active, capacity from operator where $1 = any(skills)',
      ['acd'],
    );
    for (const seat of seats.rows) expect(seat.active).toBeLessThanOrEqual(seat.capacity);
    const assigned = await sql<{ assigned_to: string; n: number }>(
      "select assigned_to, count(*)::int as n from conversation where queue = 'acd' and status = 'assigned' group by assigned_to",
    );
    expect(assigned.rows.map((row) => row.n)).toEqual([2, 2]);
    const doubled = await sql(
      "select conversation_id from participant where role = 'operator' and left_at is null group by conversation_id having count(*) > 1",
    );
    expect(doubled.rows).toHaveLength(0);
  });

  it('transfers to a department with a note: the department sees the whole transcript, the resident sees who answers, all audited', async () => {
    const operator = await operatorFor(host, supervisor, { code: 'front', skill: 'front', category: 'front' });
    const kosodate = await operatorFor(
      host,
      supervisor,
      { code: 'kosodate', skill: 'dept-kosodate', tier: 'department' },
      { name: '子育て支援課', roles: [ROLE.department] },
    );
    await act(operator, 'setPresence', { presence: 'available' });
    const hanako = await resident(host);
    const { body: started } = await act(hanako, 'start', { category: 'front' });
    await act(hanako, 'send', { conversationId: started.id, clientId: clientId(), body: '児童手当の手続きについて' });
    await act(operator, 'send', { conversationId: started.id, clientId: clientId(), body: '担当課におつなぎします' });
    const socket = await host.realtime(hanako);
    await socket.join('contact-center.conversation', started.id);
    const moved = await act(operator, 'transfer', {
      conversationId: started.id,
      queue: 'kosodate',
      note: '児童手当の申請漏れの相談',
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ tier: 'department', status: 'queued', queue: 'kosodate' });
    await act(kosodate, 'setPresence', { presence: 'available' });
    const seen = await socket.waitForMessage(
      (m) => m.event === 'answeredBy' && (m.payload as { name: string | null }).name === '子育て支援課',
    );
    expect(seen.payload).toMatchObject({ tier: 'department', status: 'assigned' });
    const transcript = await kosodate.request('GET', `/api/plugins/contact-center/conversations/${started.id}`);
    expect(transcript.status).toBe(200);
    expect(transcript.body.messages.map((m: { body: string }) => m.body)).toContain('児童手当の手続きについて');
    expect(transcript.body.notes.map((n: { body: string }) => n.body)).toContain('児童手当の申請漏れの相談');
    expect(transcript.body.handoffs.at(-1)).toMatchObject({ from: 'operator', to: 'department', queue: 'kosodate' });
    const reply = await act(kosodate, 'send', {
      conversationId: started.id,
      clientId: clientId(),
      body: '子育て支援課です',
    });
    expect(reply.body.message.author).toEqual({ kind: 'department', name: '子育て支援課' });
    const formerOperator = await act(operator, 'send', {
      conversationId: started.id,
      clientId: clientId(),
      body: 'まだいます',
    });
    expect(formerOperator.status).toBe(404);
    const audit = await host.request('GET', `/api/audit?recordId=${started.id}&limit=100`, { as: 'admin' });
    const handoffs = audit.body.items.filter((item: { action: string }) => item.action === 'contact-center.handoff');
    expect(handoffs.map((item: { detail: { queue: string } }) => item.detail.queue)).toEqual(['kosodate', 'front']);
    socket.close();
  });

  it('marks SLA breaches, counts abandonment and pushes the KPIs to supervisors', async () => {
    await act(supervisor, 'configureQueue', {
      code: 'sla',
      label: { ja: 'SLA' },
      tier: 'operator',
      skill: 'sla',
      category: 'sla',
      waitTargetSeconds: 60,
    });
    const watcher = await host.realtime(supervisor);
    await watcher.join('contact-center.staff', 'supervisor');
    const [kept, left] = await waitingIn('sla', 2);
    clock.advance(120_000);
    await host.runJobs(clock.now());
    const breach = await watcher.waitForMessage(
      (m) => m.event === 'slaBreached' && (m.payload as { conversationId: string }).conversationId === kept,
    );
    expect(breach.payload).toMatchObject({ queue: 'sla' });
    const pushed = await watcher.waitForMessage((m) => m.event === 'kpis');
    const slaQueue = (
      pushed.payload as { queues: { queue: string; waiting: number; slaBreaches: number }[] }
    ).queues.find((q) => q.queue === 'sla');
    expect(slaQueue).toMatchObject({ waiting: 2, slaBreaches: 2 });
    const leaver = residentsOf.get(left ?? '');
    if (!leaver) throw new Error('no resident for the conversation');
    expect((await act(leaver, 'close', { conversationId: left })).body).toMatchObject({ status: 'abandoned' });
    const kpis = await supervisor.request('GET', '/api/plugins/contact-center/kpis');
    const now = kpis.body.queues.find((q: { queue: string }) => q.queue === 'sla');
    expect(now).toMatchObject({ waiting: 1, abandoned: 1, serviceLevel: 0 });
    expect(now.longestWaitSeconds).toBeGreaterThanOrEqual(120);
    const operator = await operatorFor(host, supervisor, { code: 'other', skill: 'other' });
    expect((await operator.request('GET', '/api/plugins/contact-center/kpis')).status).toBe(403);
    watcher.close();
  });

  it('puts the chats of an operator who vanished back in the queue after the grace period, transcript intact', async () => {
    const operator = await operatorFor(
      host,
      supervisor,
      { code: 'gone', skill: 'gone', category: 'gone' },
      { capacity: 3 },
    );
    await act(operator, 'setPresence', { presence: 'available' });
    const ids = await waitingIn('gone', 3);
    for (const conversationId of ids) {
      await act(operator, 'send', { conversationId, clientId: clientId(), body: 'お待たせしました' });
    }
    clock.advance(10 * 60_000);
    await host.runJobs(clock.now());
    const rows = await sql<{ status: string; last_seq: number }>(
      'select status, last_seq from conversation where id = any($1::uuid[])',
      [ids],
    );
    expect(rows.rows.map((row) => row.status)).toEqual(['queued', 'queued', 'queued']);
    for (const row of rows.rows) expect(row.last_seq).toBeGreaterThanOrEqual(2);
    const seat = await sql<{ active: number; presence: string }>(
      'select active, presence from operator where principal = $1',
      [idOf(operator.actor)],
    );
    expect(seat.rows[0]).toEqual({ active: 0, presence: 'away' });
  });
});
