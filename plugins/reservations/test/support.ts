import type { Actor, DataApi, RecordData } from '@kiban/sdk';
import { createTestHost, type TestHost, type TestHostClient } from '@kiban/sdk/testing';
import reservations from '../src/index.ts';
import { localNow } from '../src/local-clock.ts';

/** Test helpers shared by the suites: a host with this plugin, dates, seed records, action calls. */

export type { TestHost };
export type TestClient = TestHostClient;
export type DatabaseKind = 'pglite' | 'postgres';

export const SYSTEM: Actor = { kind: 'system' };

/** PGlite always; a PostgreSQL server too when `KIBAN_TEST_DATABASE_URL` names one. */
export function databaseKinds(): DatabaseKind[] {
  return process.env.KIBAN_TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export function startHost(kind: DatabaseKind): Promise<TestHost> {
  return createTestHost({ plugins: [reservations], kind });
}

/** Today in the plugin's default time zone, shifted by `days`. */
export function localDate(days = 0): string {
  const today = new Date(`${localNow('Asia/Tokyo').date}T00:00:00Z`);
  today.setUTCDate(today.getUTCDate() + days);
  return today.toISOString().slice(0, 10);
}

const EVERY_DAY_ALL_DAY = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [['00:00', '24:00']]]),
);

export function createFacility(data: DataApi, fields: RecordData = {}): Promise<RecordData> {
  return data.create('Facility', {
    name: '北区体育館',
    ward: '北区',
    address: '北区1-2-3',
    openingHours: EVERY_DAY_ALL_DAY,
    ...fields,
  });
}

export function createSlot(data: DataApi, facility: RecordData, fields: RecordData = {}): Promise<RecordData> {
  return data.create('Slot', {
    facility: facility.id,
    date: localDate(1),
    startTime: '10:00',
    endTime: '12:00',
    capacity: 10,
    ...fields,
  });
}

/** Calls `reservations.<name>` over HTTP as the client's principal. */
export function callAction(client: TestClient, name: 'book' | 'cancel', input: unknown) {
  return client.request('POST', `/api/actions/reservations.${name}`, { body: input });
}

export function book(client: TestClient, slot: RecordData, fields: RecordData = {}) {
  return callAction(client, 'book', { slotId: slot.id, contactName: '山田 太郎', ...fields });
}

let principals = 0;

/** A signed-in resident with the plugin's resident role; each call makes a new one. */
export function signInResident(host: TestHost): Promise<TestClient> {
  principals += 1;
  return host.signInAs('resident', `resident-${principals}`, ['reservations-resident']);
}

export function signInStaff(host: TestHost): Promise<TestClient> {
  principals += 1;
  return host.signInAs('staff', `staff-${principals}`, ['reservations-staff']);
}
