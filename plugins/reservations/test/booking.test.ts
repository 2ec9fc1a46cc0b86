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

const pointersOf = (body: { errors: { pointer: string }[] }) => body.errors.map((error) => error.pointer).sort();

describe.each(databaseKinds())('booking and cancelling on %s', (kind) => {
  let host: TestHost;
  let data: DataApi;
  let facility: RecordData;

  beforeAll(async () => {
    host = await startHost(kind);
    data = host.data(SYSTEM);
    facility = await createFacility(data);
  });
  afterAll(() => host?.close());

  const bookedCount = async (slot: RecordData) => (await data.get('Slot', String(slot.id))).bookedCount;

  it('books places for a resident, who owns the reservation, and cancels them again', async () => {
    const slot = await createSlot(data, facility);
    const resident = await signInResident(host);

    const booked = await book(resident, slot, { partySize: 2, contactPhone: '03-1234-5678', note: '車いすで伺います' });
    expect(booked.status).toBe(200);
    expect(booked.body.reservation).toMatchObject({ slot: slot.id, facility: facility.id, partySize: 2 });
    expect(booked.body.reservation.status).toBe('confirmed');
    expect(booked.body.slot).toEqual({ id: slot.id, capacity: 10, booked: 2, free: 8 });
    expect(await bookedCount(slot)).toBe(2);

    const id = booked.body.reservation.id;
    const own = await resident.request('GET', `/api/data/Reservation/${id}`);
    expect(own.status).toBe(200);
    expect(own.body.contactName).toBe('山田 太郎');

    const cancelled = await callAction(resident, 'cancel', { reservationId: id });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.cancelledNow).toBe(true);
    expect(cancelled.body.reservation.status).toBe('cancelled');
    expect(cancelled.body.reservation.cancelledAt).toEqual(expect.any(String));
    expect(await bookedCount(slot)).toBe(0);

    const again = await callAction(resident, 'cancel', { reservationId: id });
    expect(again.status).toBe(200);
    expect(again.body.cancelledNow).toBe(false);
    expect(await bookedCount(slot)).toBe(0);
  });

  it('hides a reservation from another resident, who can neither read nor cancel it', async () => {
    const slot = await createSlot(data, facility, { startTime: '13:00', endTime: '14:00' });
    const first = await signInResident(host);
    const second = await signInResident(host);
    const { body } = await book(first, slot);
    const id = body.reservation.id;

    expect((await second.request('GET', `/api/data/Reservation/${id}`)).status).toBe(404);
    expect((await second.request('GET', '/api/data/Reservation')).body.items).toEqual([]);
    expect((await second.request('GET', '/api/plugins/reservations/my')).body.items).toEqual([]);
    const refused = await callAction(second, 'cancel', { reservationId: id });
    expect(refused.status).toBe(404);
    expect(await bookedCount(slot)).toBe(1);

    // Staff may cancel anyone's reservation, for example when a resident phones in.
    const staff = await signInStaff(host);
    expect((await callAction(staff, 'cancel', { reservationId: id })).body.cancelledNow).toBe(true);
    expect(await bookedCount(slot)).toBe(0);
  });

  it('lets residents book only through the action, never by writing records directly', async () => {
    const slot = await createSlot(data, facility, { startTime: '15:00', endTime: '16:00' });
    const resident = await signInResident(host);
    const direct = await resident.request('POST', '/api/data/Reservation', {
      body: { slot: slot.id, facility: facility.id, partySize: 50, contactName: '山田 太郎' },
    });
    expect(direct.status).toBe(403);
    const patch = await resident.request('PATCH', `/api/data/Slot/${slot.id}`, {
      body: { bookedCount: 0 },
      headers: { 'if-match': `"${slot.version}"` },
    });
    expect(patch.status).toBe(403);
  });

  it('refuses invalid input with 422 and a pointer to every bad value', async () => {
    const slot = await createSlot(data, facility, { startTime: '16:00', endTime: '17:00' });
    const resident = await signInResident(host);

    const missing = await callAction(resident, 'book', {});
    expect(missing.status).toBe(422);
    expect(pointersOf(missing.body)).toEqual(expect.arrayContaining(['/contactName', '/slotId']));

    const wrong = await callAction(resident, 'book', { slotId: 'slot-1', partySize: 0, contactName: '' });
    expect(wrong.status).toBe(422);
    expect(pointersOf(wrong.body)).toEqual(['/contactName', '/partySize', '/slotId']);

    const phone = await book(resident, slot, { contactPhone: '12345' });
    expect(phone.status).toBe(422);
    expect(pointersOf(phone.body)).toEqual(['/contactPhone']);

    expect((await callAction(resident, 'cancel', { reservationId: 42 })).status).toBe(422);
    expect(await bookedCount(slot)).toBe(0);
  });

  it('answers 409 reservations.full when the party does not fit, and a cancellation frees the places', async () => {
    const slot = await createSlot(data, facility, { startTime: '18:00', endTime: '19:00', capacity: 3 });
    const resident = await signInResident(host);

    const two = await book(resident, slot, { partySize: 2 });
    expect(two.status).toBe(200);
    const tooMany = await book(resident, slot, { partySize: 2 });
    expect(tooMany.status).toBe(409);
    expect(tooMany.body.code).toBe('reservations.full');
    expect(pointersOf(tooMany.body)).toEqual(['/partySize']);
    expect((await book(resident, slot)).status).toBe(200);
    expect((await book(resident, slot)).body.code).toBe('reservations.full');
    expect(await bookedCount(slot)).toBe(3);

    await callAction(resident, 'cancel', { reservationId: two.body.reservation.id });
    expect(await bookedCount(slot)).toBe(1);
    expect((await book(resident, slot, { partySize: 2 })).status).toBe(200);
    expect(await bookedCount(slot)).toBe(3);
  });

  it('refuses closed slots, slots that have started, and slots outside the opening hours', async () => {
    const resident = await signInResident(host);
    const refusal = async (slot: RecordData) => (await book(resident, slot)).body.code;

    const closed = await createSlot(data, facility, { startTime: '08:00', endTime: '09:00', status: 'closed' });
    expect(await refusal(closed)).toBe('reservations.slotClosed');

    const yesterday = await createSlot(data, facility, { date: localDate(-1) });
    expect(await refusal(yesterday)).toBe('reservations.slotPast');

    const daytime = await createFacility(data, {
      name: '南区会議室',
      openingHours: { mon: [['09:00', '17:00']], tue: [['09:00', '17:00']], wed: [['09:00', '17:00']] },
    });
    const weekday = (offset: number) => new Date(`${localDate(offset)}T00:00:00Z`).getUTCDay();
    // A Thursday within the next week: the room is closed on Thursdays.
    const thursday = [1, 2, 3, 4, 5, 6, 7].find((offset) => weekday(offset) === 4) ?? 1;
    expect(await refusal(await createSlot(data, daytime, { date: localDate(thursday) }))).toBe(
      'reservations.facilityClosed',
    );
    const monday = [1, 2, 3, 4, 5, 6, 7].find((offset) => weekday(offset) === 1) ?? 1;
    const evening = await createSlot(data, daytime, { date: localDate(monday), startTime: '16:00', endTime: '18:00' });
    expect(await refusal(evening)).toBe('reservations.facilityClosed');
    const morning = await createSlot(data, daytime, { date: localDate(monday), startTime: '09:00', endTime: '10:00' });
    expect((await book(resident, morning)).status).toBe(200);

    const holiday = await createFacility(data, { name: '東区ホール', closedDates: [localDate(1)] });
    expect(await refusal(await createSlot(data, holiday))).toBe('reservations.facilityClosed');
  });

  it('answers 404 for a slot that does not exist', async () => {
    const resident = await signInResident(host);
    const missing = await book(resident, { id: '00000000-0000-4000-8000-000000000000' });
    expect(missing.status).toBe(404);
  });
});
