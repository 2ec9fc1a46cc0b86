import type { DataApi } from '@kiban/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  book,
  createFacility,
  createSlot,
  databaseKinds,
  SYSTEM,
  signInResident,
  startHost,
  type TestClient,
  type TestHost,
} from './support.ts';

const BOOKINGS = 200;
const CAPACITY = 10;
const RESIDENTS = 20;

describe.each(databaseKinds())('concurrent bookings on %s', (kind) => {
  let host: TestHost;
  let data: DataApi;

  beforeAll(async () => {
    host = await startHost(kind);
    data = host.data(SYSTEM);
  });
  afterAll(() => host?.close());

  it(`never overbooks: ${BOOKINGS} bookings at once on a slot for ${CAPACITY}`, async () => {
    const slot = await createSlot(data, await createFacility(data), { capacity: CAPACITY });
    const residents: TestClient[] = [];
    for (let i = 0; i < RESIDENTS; i++) residents.push(await signInResident(host));

    const responses = await Promise.all(
      Array.from({ length: BOOKINGS }, (_, i) => book(residents[i % RESIDENTS], slot, { partySize: 1 })),
    );

    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(CAPACITY);
    expect(statuses.filter((status) => status === 409)).toHaveLength(BOOKINGS - CAPACITY);
    for (const refused of responses.filter((response) => response.status === 409)) {
      expect(refused.body.code).toBe('reservations.full');
    }
    expect((await data.get('Slot', String(slot.id))).bookedCount).toBe(CAPACITY);
    expect(await data.count('Reservation', { slot: { eq: slot.id }, status: { eq: 'confirmed' } })).toBe(CAPACITY);
    expect(await data.count('Reservation', { slot: { eq: slot.id } })).toBe(CAPACITY);
  });
});
