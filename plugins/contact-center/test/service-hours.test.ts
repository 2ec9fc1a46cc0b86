import type { TestHost, TestHostClient } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BusinessCalendar, isOpenAt, nextOpening } from '../src/hours/calendar.ts';
import { ROLE } from '../src/roles.ts';
import {
  act,
  databaseKinds,
  operatorFor,
  resident,
  SLOW_TEST_MS,
  staff,
  startContactCenter,
  type TestClock,
} from './support.ts';

/** Weekdays 8:45–17:30, closed on public holidays and on the year-end closure the city sets. */
const CITY_HALL: BusinessCalendar = {
  weekly: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '08:45', closes: '17:30' })),
  publicHolidaysClosed: true,
  closures: ['2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03', '2027-01-04'],
};
const tokyo = (local: string) => new Date(`${local}+09:00`);

describe('the business calendar', () => {
  it('is open within the weekly hours of a working day, closing time excluded', () => {
    expect(isOpenAt(CITY_HALL, tokyo('2026-12-07T08:44:59'))).toBe(false);
    expect(isOpenAt(CITY_HALL, tokyo('2026-12-07T08:45:00'))).toBe(true);
    expect(isOpenAt(CITY_HALL, tokyo('2026-12-07T17:29:00'))).toBe(true);
    expect(isOpenAt(CITY_HALL, tokyo('2026-12-07T17:30:00'))).toBe(false);
    expect(isOpenAt(CITY_HALL, tokyo('2026-12-05T10:00:00'))).toBe(false);
  });

  it('closes on a public holiday only when told to, and on the city closure days', () => {
    const labourThanksgiving = tokyo('2026-11-23T10:00:00');
    expect(isOpenAt(CITY_HALL, labourThanksgiving)).toBe(false);
    expect(isOpenAt({ ...CITY_HALL, publicHolidaysClosed: false }, labourThanksgiving)).toBe(true);
    expect(isOpenAt(CITY_HALL, tokyo('2026-12-29T10:00:00'))).toBe(false);
    expect(isOpenAt({ weekly: [], publicHolidaysClosed: true, closures: [] }, labourThanksgiving)).toBe(true);
  });

  it('finds the next opening past weekends, holidays and the year-end closure', () => {
    expect(nextOpening(CITY_HALL, tokyo('2026-12-07T18:00:00'))).toEqual(tokyo('2026-12-08T08:45:00'));
    expect(nextOpening(CITY_HALL, tokyo('2026-11-20T18:00:00'))).toEqual(tokyo('2026-11-24T08:45:00'));
    expect(nextOpening(CITY_HALL, tokyo('2026-12-28T17:45:00'))).toEqual(tokyo('2027-01-05T08:45:00'));
    expect(nextOpening(CITY_HALL, tokyo('2026-12-07T07:00:00'))).toEqual(tokyo('2026-12-07T08:45:00'));
    expect(nextOpening({ ...CITY_HALL, weekly: [] }, tokyo('2026-12-07T07:00:00'))).toEqual(
      tokyo('2026-12-07T07:00:00'),
    );
  });
});

describe.each(databaseKinds())('service hours, callbacks and overflow on %s', { timeout: SLOW_TEST_MS }, (kind) => {
  let host: TestHost;
  let clock: TestClock;
  let supervisor: TestHostClient;

  beforeAll(async () => {
    ({ host, clock } = await startContactCenter(kind));
    supervisor = await staff(host, [ROLE.supervisor]);
  }, SLOW_TEST_MS);
  afterAll(async () => host?.close());

  const cityDate = () => new Date(clock.now().getTime() + 9 * 3_600_000).toISOString().slice(0, 10);
  const allDay = [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' }));

  it('tells a resident outside hours when it opens, takes a callback request, and queues once open', async () => {
    const badHours = await act(supervisor, 'saveServiceHours', {
      weekly: [{ weekday: 1, opens: '17:30', closes: '08:45' }],
      publicHolidaysClosed: true,
    });
    expect(badHours.status).toBe(422);
    expect(badHours.body.errors[0].pointer).toBe('/weekly/0/closes');
    expect((await act(supervisor, 'saveServiceHours', { weekly: allDay, publicHolidaysClosed: false })).status).toBe(
      200,
    );
    const today = cityDate();
    expect((await act(supervisor, 'setClosureDay', { date: today, closed: true, reason: '臨時休業' })).status).toBe(
      200,
    );
    const operator = await operatorFor(host, supervisor, { code: 'general', skill: 'general' });
    expect((await act(operator, 'setClosureDay', { date: today, closed: false })).status).toBe(403);

    const hours = await host.request('GET', '/api/public/contact-center/service-hours');
    expect(hours.body).toMatchObject({ open: false, closures: [today] });
    const tomorrow = new Date(Date.parse(`${today}T00:00:00+09:00`) + 86_400_000);
    expect(hours.body.nextOpening).toBe(tomorrow.toISOString());

    const hanako = await resident(host);
    const { body: started } = await act(hanako, 'start', {});
    expect(started).toMatchObject({ status: 'afterHours', queue: 'general' });
    const read = await hanako.request('GET', `/api/plugins/contact-center/conversations/${started.id}`);
    expect(read.body.messages.at(-1).body).toContain('受付時間外');
    const kpis = await supervisor.request('GET', '/api/plugins/contact-center/kpis');
    expect(kpis.body.total.waiting).toBe(0);

    const past = await act(hanako, 'requestCallback', {
      conversationId: started.id,
      preferredAt: new Date(clock.now().getTime() - 60_000).toISOString(),
    });
    expect(past.status).toBe(422);
    expect(past.body.errors[0]).toMatchObject({ pointer: '/preferredAt', code: 'contact-center.callbackInThePast' });
    const preferredAt = new Date(tomorrow.getTime() + 10 * 3_600_000).toISOString();
    const asked = await act(hanako, 'requestCallback', { conversationId: started.id, preferredAt, note: '午前中希望' });
    expect(asked.status).toBe(200);

    const visitor = await host.request('POST', '/api/public/contact-center/conversations', { body: {} });
    const headers = { 'x-conversation-token': visitor.body.token };
    const noPhone = await host.request(
      'POST',
      `/api/public/contact-center/conversations/${visitor.body.conversation.id}/callback`,
      { headers, body: { preferredAt } },
    );
    expect(noPhone.status).toBe(422);
    expect(noPhone.body.errors[0].pointer).toBe('/phone');
    const withPhone = await host.request(
      'POST',
      `/api/public/contact-center/conversations/${visitor.body.conversation.id}/callback`,
      { headers, body: { preferredAt, phone: '011-211-2111' } },
    );
    expect(withPhone.status).toBe(200);

    const open = await operator.request('GET', '/api/plugins/contact-center/callbacks');
    expect(open.body.callbacks.map((c: { note: string | null; phone: string | null }) => [c.note, c.phone])).toEqual([
      ['午前中希望', null],
      [null, '011-211-2111'],
    ]);
    const stranger = await resident(host);
    expect((await stranger.request('GET', '/api/plugins/contact-center/callbacks')).status).toBe(403);
    const first = open.body.callbacks[0].id;
    expect((await act(operator, 'completeCallback', { id: first, outcome: '電話で案内' })).status).toBe(200);
    expect((await act(operator, 'completeCallback', { id: first })).body.code).toBe('contact-center.callbackDone');
    const left = await operator.request('GET', '/api/plugins/contact-center/callbacks');
    expect(left.body.callbacks).toHaveLength(1);

    await act(supervisor, 'setClosureDay', { date: today, closed: false });
    const again = await act(hanako, 'requestPerson', { conversationId: started.id });
    expect(again.body).toMatchObject({ status: 'queued', queue: 'general' });
    const late = await act(hanako, 'requestCallback', { conversationId: started.id, preferredAt });
    expect(late.body.code).toBe('contact-center.notAfterHours');
  });

  it('overflows a waiting chat after its threshold, or at once when nobody with the skill is online, only once', async () => {
    await act(supervisor, 'saveServiceHours', { weekly: [], publicHolidaysClosed: true });
    const spare = await operatorFor(host, supervisor, { code: 'spare', skill: 'spare' });
    const self = await act(supervisor, 'configureQueue', {
      code: 'tax',
      label: { ja: '税' },
      tier: 'operator',
      skill: 'tax',
      category: 'tax',
      overflowQueue: 'tax',
    });
    expect(self.body.code).toBe('contact-center.badOverflow');
    const taxOperator = await operatorFor(host, supervisor, { code: 'tax', skill: 'tax', category: 'tax' });
    await act(supervisor, 'configureQueue', {
      code: 'tax',
      label: { ja: '税' },
      tier: 'operator',
      skill: 'tax',
      category: 'tax',
      overflowQueue: 'spare',
      overflowAfterSeconds: 30,
    });
    await act(supervisor, 'configureQueue', {
      code: 'spare',
      label: { ja: '予備' },
      tier: 'operator',
      skill: 'spare',
      overflowQueue: 'tax',
      overflowAfterSeconds: 30,
    });
    await act(taxOperator, 'setPresence', { presence: 'busy' });
    await act(spare, 'setPresence', { presence: 'busy' });
    const asker = await resident(host);
    const { body: started } = await act(asker, 'start', { category: 'tax' });
    expect(started).toMatchObject({ status: 'queued', queue: 'tax' });
    await host.runJobs(clock.now());
    const waiting = await supervisor.request('GET', `/api/plugins/contact-center/conversations/${started.id}`);
    expect(waiting.body.conversation.queue).toBe('tax');

    clock.advance(45_000);
    await host.runJobs(clock.now());
    const moved = await supervisor.request('GET', `/api/plugins/contact-center/conversations/${started.id}`);
    expect(moved.body.conversation).toMatchObject({ status: 'queued', queue: 'spare' });
    expect(moved.body.handoffs.at(-1)).toMatchObject({ from: 'operator', to: 'operator', queue: 'spare' });

    clock.advance(45_000);
    await host.runJobs(clock.now());
    const stays = await supervisor.request('GET', `/api/plugins/contact-center/conversations/${started.id}`);
    expect(stays.body.conversation.queue).toBe('spare');

    // A threshold far off: what moves the next chat is that nobody with the skill is online.
    await act(supervisor, 'configureQueue', {
      code: 'tax',
      label: { ja: '税' },
      tier: 'operator',
      skill: 'tax',
      category: 'tax',
      overflowQueue: 'spare',
      overflowAfterSeconds: 3600,
    });
    await act(taxOperator, 'setPresence', { presence: 'away' });
    const second = await act(await resident(host), 'start', { category: 'tax' });
    // The supervision job runs every 10 s: the next run, well before the 30 s threshold.
    clock.advance(11_000);
    await host.runJobs(clock.now());
    const empty = await supervisor.request('GET', `/api/plugins/contact-center/conversations/${second.body.id}`);
    expect(empty.body.conversation.queue).toBe('spare');
    const audit = await host.request('GET', `/api/audit?recordId=${second.body.id}&limit=100`, { as: 'admin' });
    const overflow = audit.body.items.find((item: { action: string }) => item.action === 'contact-center.overflow');
    expect(overflow.detail).toMatchObject({ from: 'tax', to: 'spare', reason: 'nobodyOnline' });
  });
});
