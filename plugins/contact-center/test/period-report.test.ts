import type { TestHost, TestHostClient } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodReportCsv } from '../src/kpis/period-report.ts';
import { ROLE } from '../src/roles.ts';
import { act, databaseKinds, idOf, operatorFor, resident, SLOW_TEST_MS, staff, startContactCenter } from './support.ts';

/**
 * Daily and monthly reports: per queue and per operator, each period's total first, the city's
 * day (Asia/Tokyo) as the period, first-contact resolution, and a CSV for spreadsheets.
 */
describe.each(databaseKinds())('daily and monthly reports on %s', { timeout: SLOW_TEST_MS }, (kind) => {
  let host: TestHost;
  let supervisor: TestHostClient;
  let operator: TestHostClient;
  let operatorId: string;

  beforeAll(async () => {
    ({ host } = await startContactCenter(kind));
    supervisor = await staff(host, [ROLE.supervisor]);
    operator = await operatorFor(
      host,
      supervisor,
      { code: 'kosodate', skill: 'kosodate', category: 'kosodate' },
      { name: '=山田 花子' },
    );
    await operatorFor(host, supervisor, { code: 'zeimu', skill: 'zeimu' });
    operatorId = idOf(operator.actor);
    await act(operator, 'setPresence', { presence: 'available' });
    // A year ago, around midnight in Tokyo: 14:30 and 15:10 UTC fall on two different city days.
    const conversation = async (values: Record<string, unknown>) => {
      const columns = Object.keys(values);
      const { rows } = await host
        .context()
        .sql.query<{ id: string }>(
          `insert into conversation (channel, tier, ${columns.join(', ')}) values ('chat', 'operator', ${columns.map((_, i) => `$${i + 1}`).join(', ')}) returning id`,
          Object.values(values),
        );
      return rows[0]?.id as string;
    };
    await conversation({
      status: 'closed',
      queue: 'kosodate',
      assigned_to: operatorId,
      queued_at: '2025-11-30T14:30:00Z',
      assigned_at: '2025-11-30T14:31:00Z',
      closed_at: '2025-11-30T14:41:00Z',
      wrap_up: 'resolved',
    });
    await conversation({ status: 'abandoned', queue: 'kosodate', queued_at: '2025-11-30T15:10:00Z' });
    const transferred = await conversation({
      status: 'closed',
      queue: 'kosodate',
      assigned_to: operatorId,
      queued_at: '2025-12-01T01:00:00Z',
      assigned_at: '2025-12-01T01:05:00Z',
      closed_at: '2025-12-01T01:25:00Z',
      sla_breached_at: '2025-12-01T01:02:00Z',
      wrap_up: 'resolved',
    });
    await host.context().sql.query(
      `insert into handoff (conversation_id, from_tier, to_tier, queue, by_actor, transcript_seq, at)
         values ($1, 'operator', 'operator', 'kosodate', $2, 3, '2025-12-01T01:00:00Z')`,
      [transferred, operatorId],
    );
    await conversation({
      status: 'closed',
      queue: 'zeimu',
      assigned_to: operatorId,
      queued_at: '2025-12-01T02:00:00Z',
      assigned_at: '2025-12-01T02:00:30Z',
      closed_at: '2025-12-01T02:05:30Z',
      wrap_up: 'referred',
    });
  }, SLOW_TEST_MS);
  afterAll(async () => host?.close());

  const report = (query: string, client = supervisor) =>
    client.request('GET', `/api/plugins/contact-center/reports?${query}`);

  it('counts each city day per queue with its total: answers, abandonment, service level, first-contact resolution', async () => {
    const days = await report('period=day&from=2025-11-30&to=2025-12-01');
    expect(days.status).toBe(200);
    const brief = (row: Record<string, unknown>) => [
      row.period,
      row.key,
      row.offered,
      row.answered,
      row.abandoned,
      row.averageSpeedOfAnswerSeconds,
      row.serviceLevel,
      row.closed,
      row.firstContactResolved,
      row.averageHandleSeconds,
      row.firstResponseBreaches,
    ];
    expect(days.body.rows.map(brief)).toEqual([
      ['2025-11-30', null, 1, 1, 0, 60, 1, 1, 1, 600, 0],
      ['2025-11-30', 'kosodate', 1, 1, 0, 60, 1, 1, 1, 600, 0],
      ['2025-12-01', null, 3, 2, 1, 165, 1 / 3, 2, 0, 750, 1],
      ['2025-12-01', 'kosodate', 2, 1, 1, 300, 0, 1, 0, 1200, 1],
      ['2025-12-01', 'zeimu', 1, 1, 0, 30, 1, 1, 0, 300, 0],
    ]);
    expect(days.body.rows[2]).toMatchObject({ abandonmentRate: 1 / 3, firstContactResolution: 0, label: null });
    expect(days.body.rows[1]).toMatchObject({ label: 'kosodate', firstContactResolution: 1 });
  });

  it('counts months per operator, only what a person answered', async () => {
    const months = await report('period=month&from=2025-11&to=2025-12&by=operator');
    expect(
      months.body.rows.map((row: Record<string, unknown>) => [
        row.period,
        row.key,
        row.label,
        row.answered,
        row.firstContactResolved,
      ]),
    ).toEqual([
      ['2025-11', null, null, 1, 1],
      ['2025-11', operatorId, '=山田 花子', 1, 1],
      ['2025-12', null, null, 2, 0],
      ['2025-12', operatorId, '=山田 花子', 2, 0],
    ]);
  });

  it('counts a conversation answered and closed through the console today, in the report and the live KPIs', async () => {
    const hanako = await resident(host);
    const { body: started } = await act(hanako, 'start', { category: 'kosodate' });
    await act(hanako, 'requestPerson', { conversationId: started.id, shareProfile: false });
    const closed = await act(operator, 'close', { conversationId: started.id, wrapUp: { code: 'resolved' } });
    expect(closed.body).toMatchObject({ status: 'closed' });
    const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());
    const day = await report(`period=day&from=${today}&to=${today}`);
    expect(day.body.rows[0]).toMatchObject({
      period: today,
      key: null,
      answered: 1,
      closed: 1,
      firstContactResolved: 1,
    });
    // The live KPIs count it too: first-contact resolution per queue, and the operator's day.
    const live = await supervisor.request('GET', '/api/plugins/contact-center/kpis');
    expect(live.body.queues.find((q: { queue: string }) => q.queue === 'kosodate')).toMatchObject({
      firstContactResolution: 1,
    });
    expect(live.body.operators).toContainEqual(
      expect.objectContaining({
        principal: operatorId,
        displayName: '=山田 花子',
        presence: 'available',
        active: 0,
        answered: 1,
        closed: 1,
        firstContactResolution: 1,
      }),
    );
  });

  it('exports CSV for spreadsheets, a name that looks like a formula kept as text', async () => {
    const csv = await report('period=day&from=2025-11-30&to=2025-11-30&by=operator&format=csv');
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(csv.headers.get('content-disposition')).toBe(
      'attachment; filename="contact-center-operator-2025-11-30-2025-11-30.csv"',
    );
    const text = typeof csv.body === 'string' ? csv.body : JSON.stringify(csv.body);
    // The BOM leads the bytes (a decoded body drops it).
    expect(periodReportCsv([]).startsWith('\uFEFF期間,コード,名称,受付数,応答数,放棄数,放棄率,')).toBe(true);
    expect(text.startsWith('期間,コード,名称,')).toBe(true);
    expect(text.split('\r\n')).toEqual([
      expect.any(String),
      '2025-11-30,,合計,1,1,0,0,60,1,1,1,1,600,0,0',
      `2025-11-30,${operatorId},'=山田 花子,1,1,0,0,60,1,1,1,1,600,0,0`,
      '',
    ]);
  });

  it('refuses a report to staff who do not supervise, and a period that is not one', async () => {
    expect((await report('period=day&from=2025-11-30&to=2025-11-30', operator)).status).toBe(403);
    const problem = async (query: string) => {
      const answer = await report(query);
      return [answer.status, answer.body.errors?.[0]?.pointer];
    };
    expect(await problem('period=day&from=2025-02-30&to=2025-03-01')).toEqual([422, '/from']);
    expect(await problem('period=month&from=2025-11-01&to=2025-12')).toEqual([422, '/from']);
    expect(await problem('period=day&from=2025-12-02&to=2025-12-01')).toEqual([422, '/to']);
    expect(await problem('period=day&from=2024-01-01&to=2025-12-31')).toEqual([422, '/to']);
    expect(await problem('period=week&from=2025-12-01&to=2025-12-07')).toEqual([422, '/period']);
    expect(await problem('period=day&from=2025-12-01')).toEqual([422, '/to']);
    expect((await report('period=day&from=2025-12-01&to=2025-12-01&limit=5')).status).toBe(422);
  });
});
