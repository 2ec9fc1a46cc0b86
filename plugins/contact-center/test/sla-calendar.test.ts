import type { TestHost, TestHostClient } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE } from '../src/roles.ts';
import { act, databaseKinds, resident, SLOW_TEST_MS, staff, startContactCenter, type TestClock } from './support.ts';

const at = (local: string) => new Date(`${local}+09:00`);
const weekdays = (opens: string, closes: string) => [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens, closes }));

/**
 * The SLA timers count service time: they pause outside the hours of the queue's calendar (its
 * own, else the centre's). The test clock is moved weeks ahead of the real one; every time the
 * timers compare is stamped by it, so nothing breaches early or late for that.
 */
describe.each(databaseKinds())('SLA timers on the business calendar on %s', { timeout: SLOW_TEST_MS }, (kind) => {
  let host: TestHost;
  let clock: TestClock;
  let supervisor: TestHostClient;

  beforeAll(async () => {
    ({ host, clock } = await startContactCenter(kind));
    supervisor = await staff(host, [ROLE.supervisor]);
    const hours = await act(supervisor, 'saveServiceHours', {
      weekly: weekdays('09:00', '17:00'),
      publicHolidaysClosed: true,
    });
    expect(hours.status).toBe(200);
  }, SLOW_TEST_MS);
  afterAll(async () => host?.close());

  const sql = <R>(text: string, params: unknown[] = []) => host.context().sql.query<R>(text, params);

  async function superviseAt(local: string) {
    clock.setTo(at(local));
    await host.runJobs(clock.now());
  }

  const timers = async (id: string) =>
    (
      await sql<{ first: boolean; resolution: boolean }>(
        `select sla_breached_at is not null as first, resolution_breached_at is not null as resolution
         from conversation where id = $1`,
        [id],
      )
    ).rows[0];

  async function queuedIn(category: string) {
    const hanako = await resident(host);
    const started = await act(hanako, 'start', { category });
    expect(started.body).toMatchObject({ status: 'queued', queue: category });
    return started.body.id as string;
  }

  it('pauses the first-response and resolution timers overnight on the centre calendar', async () => {
    await act(supervisor, 'configureQueue', {
      code: 'juminhyo',
      label: { ja: '住民票' },
      tier: 'operator',
      skill: 'juminhyo',
      category: 'juminhyo',
      waitTargetSeconds: 600,
      resolutionTargetSeconds: 1200,
    });
    const watcher = await host.realtime(supervisor);
    await watcher.join('contact-center.staff', 'supervisor');
    clock.setTo(at('2027-01-18T16:55:00'));
    const id = await queuedIn('juminhyo');
    const stamped = await sql<{ queued_at: string }>('select queued_at from conversation where id = $1', [id]);
    const queuedAt = new Date(stamped.rows[0]?.queued_at ?? 0).getTime();
    expect(Math.abs(queuedAt - at('2027-01-18T16:55:00').getTime())).toBeLessThan(60_000);

    await superviseAt('2027-01-18T17:30:00');
    expect(await timers(id)).toEqual({ first: false, resolution: false });
    await superviseAt('2027-01-19T09:04:00');
    expect(await timers(id)).toEqual({ first: false, resolution: false });
    await superviseAt('2027-01-19T09:06:30');
    expect(await timers(id)).toEqual({ first: true, resolution: false });
    const breach = await watcher.waitForMessage(
      (m) => m.event === 'slaBreached' && (m.payload as { conversationId: string }).conversationId === id,
    );
    expect(breach.payload).toMatchObject({ timer: 'firstResponse', queue: 'juminhyo' });
    await superviseAt('2027-01-19T09:16:30');
    expect(await timers(id)).toEqual({ first: true, resolution: true });
  });

  it("uses a queue's own hours instead of the centre's, for the timers and for taking chats", async () => {
    const saved = await act(supervisor, 'configureQueue', {
      code: 'kosodate-office',
      label: { ja: '子育て支援課' },
      tier: 'operator',
      skill: 'kosodate-office',
      category: 'kosodate-office',
      waitTargetSeconds: 600,
      serviceHours: { weekly: weekdays('08:30', '12:00'), publicHolidaysClosed: true },
    });
    expect(saved.body.service_hours).toEqual({ weekly: weekdays('08:30', '12:00'), publicHolidaysClosed: true });
    clock.setTo(at('2027-01-25T11:55:00'));
    const id = await queuedIn('kosodate-office');
    // The centre is open until 17:00, but this queue closed at noon: five minutes served so far.
    await superviseAt('2027-01-25T12:30:00');
    expect(await timers(id)).toMatchObject({ first: false });
    await superviseAt('2027-01-26T08:36:00');
    expect(await timers(id)).toMatchObject({ first: true });

    clock.setTo(at('2027-01-26T13:00:00'));
    const late = await act(await resident(host), 'start', { category: 'kosodate-office' });
    expect(late.body).toMatchObject({ status: 'afterHours', queue: 'kosodate-office' });
  });

  it('refuses hours that close before they open, and stores nothing', async () => {
    const refused = await act(supervisor, 'configureQueue', {
      code: 'backwards',
      label: { ja: '逆' },
      tier: 'operator',
      skill: 'backwards',
      serviceHours: { weekly: [{ weekday: 1, opens: '17:00', closes: '09:00' }], publicHolidaysClosed: true },
    });
    expect(refused.status).toBe(422);
    expect(JSON.stringify(refused.body)).toContain('/serviceHours/weekly/0/closes');
    expect((await sql("select 1 from queue where code = 'backwards'")).rows).toHaveLength(0);
  });
});
