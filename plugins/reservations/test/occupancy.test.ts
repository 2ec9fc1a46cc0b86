import type { DataApi, RecordData } from '@kiban/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  book,
  callAction,
  createFacility,
  createSlot,
  databaseKinds,
  localDate,
  SYSTEM,
  signInResident,
  signInStaff,
  startHost,
  type TestHost,
} from './support.ts';

describe.each(databaseKinds())('occupancy and "my reservations" on %s', (kind) => {
  let host: TestHost;
  let data: DataApi;
  let gym: RecordData;
  let hall: RecordData;
  const day = localDate(2);

  beforeAll(async () => {
    host = await startHost(kind);
    data = host.data(SYSTEM);
    gym = await createFacility(data, { name: 'あおば体育館', ward: '青葉区' });
    hall = await createFacility(data, { name: 'みどりホール', ward: '緑区' });
  });
  afterAll(() => host?.close());

  it('reports capacity, booked, free and percentage per facility and slot', async () => {
    const morning = await createSlot(data, gym, { date: day, startTime: '09:00', endTime: '11:00', capacity: 8 });
    const afternoon = await createSlot(data, gym, { date: day, startTime: '13:00', endTime: '15:00', capacity: 4 });
    const evening = await createSlot(data, hall, { date: day, startTime: '18:00', endTime: '20:00', capacity: 3 });
    const resident = await signInResident(host);
    await book(resident, morning, { partySize: 2 });
    await book(resident, afternoon, { partySize: 4 });
    const cancelled = await book(resident, evening, { partySize: 1 });
    await book(resident, evening, { partySize: 1 });
    await callAction(resident, 'cancel', { reservationId: cancelled.body.reservation.id });

    const staff = await signInStaff(host);
    const report = await staff.request('GET', `/api/plugins/reservations/occupancy?date=${day}`);
    expect(report.status).toBe(200);
    expect(report.body).toEqual({
      date: day,
      facilities: [
        {
          facility: { id: gym.id, name: 'あおば体育館', ward: '青葉区' },
          capacity: 12,
          booked: 6,
          free: 6,
          percentage: 50,
          slots: [
            {
              id: morning.id,
              startTime: '09:00',
              endTime: '11:00',
              status: 'open',
              capacity: 8,
              booked: 2,
              free: 6,
              percentage: 25,
            },
            {
              id: afternoon.id,
              startTime: '13:00',
              endTime: '15:00',
              status: 'open',
              capacity: 4,
              booked: 4,
              free: 0,
              percentage: 100,
            },
          ],
        },
        {
          facility: { id: hall.id, name: 'みどりホール', ward: '緑区' },
          capacity: 3,
          booked: 1,
          free: 2,
          percentage: 33.3,
          slots: [
            {
              id: evening.id,
              startTime: '18:00',
              endTime: '20:00',
              status: 'open',
              capacity: 3,
              booked: 1,
              free: 2,
              percentage: 33.3,
            },
          ],
        },
      ],
    });
  });

  it('reports today when no date is given', async () => {
    const today = await createSlot(data, hall, {
      date: localDate(0),
      startTime: '00:00',
      endTime: '23:59',
      capacity: 5,
    });
    const staff = await signInStaff(host);
    const report = await staff.request('GET', '/api/plugins/reservations/occupancy');
    expect(report.status).toBe(200);
    expect(report.body.date).toBe(localDate(0));
    expect(report.body.facilities).toEqual([
      expect.objectContaining({
        capacity: 5,
        booked: 0,
        free: 5,
        percentage: 0,
        slots: [expect.objectContaining({ id: today.id })],
      }),
    ]);
  });

  it('is for reservations staff only and refuses a malformed date', async () => {
    const resident = await signInResident(host);
    const refused = await resident.request('GET', '/api/plugins/reservations/occupancy');
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('reservations.staffOnly');

    const staff = await signInStaff(host);
    for (const date of ['2026-02-30', 'tomorrow', '2026-1-5']) {
      const bad = await staff.request('GET', `/api/plugins/reservations/occupancy?date=${date}`);
      expect(bad.status).toBe(400);
      expect(bad.body.errors).toEqual([
        expect.objectContaining({ pointer: '/query/date', code: 'reservations.invalidDate' }),
      ]);
    }
  });

  it('lists the caller’s own reservations with slot and facility, soonest first', async () => {
    const later = await createSlot(data, gym, { date: localDate(5), startTime: '10:00', endTime: '11:00' });
    const sooner = await createSlot(data, hall, { date: localDate(3), startTime: '10:00', endTime: '11:00' });
    const resident = await signInResident(host);
    await book(resident, later, { partySize: 3 });
    await book(resident, sooner, { note: '初めて利用します' });

    const mine = await resident.request('GET', '/api/plugins/reservations/my');
    expect(mine.status).toBe(200);
    expect(mine.body.items).toHaveLength(2);
    expect(mine.body.items[0]).toMatchObject({
      status: 'confirmed',
      partySize: 1,
      note: '初めて利用します',
      slot: { id: sooner.id, date: localDate(3), startTime: '10:00', endTime: '11:00', status: 'open' },
      facility: { id: hall.id, name: 'みどりホール', ward: '緑区' },
    });
    expect(mine.body.items[1]).toMatchObject({ partySize: 3, slot: { id: later.id }, facility: { id: gym.id } });
  });

  it('requires a signed-in caller', async () => {
    expect((await host.request('GET', '/api/plugins/reservations/my')).status).toBe(401);
  });
});
