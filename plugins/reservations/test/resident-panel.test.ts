import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import reservations from '../src/index.ts';
import {
  book,
  createFacility,
  createSlot,
  databaseKinds,
  localDate,
  SYSTEM,
  signInResident,
  signInStaff,
  startHost,
  type TestClient,
  type TestHost,
} from './support.ts';

/** The panel reservations contributes under resident profiles (the CRM's resident 360), and the route it reads. */
describe.each(databaseKinds())("reservations' panel under resident profiles on %s", (kind) => {
  let host: TestHost;
  let staff: TestClient;
  let hanakoId: string;

  const principalId = (client: TestClient) => (client.actor.kind === 'principal' ? client.actor.id : '');
  const reads = async (resident: string) => {
    const trail = await host.request('GET', `/api/audit?recordId=${resident}&limit=100`, { as: 'admin' });
    return (trail.body.items as Array<{ action: string; principalId: string }>).filter(
      (entry) => entry.action === 'reservations.residentReservations.read',
    );
  };

  beforeAll(async () => {
    host = await startHost(kind);
    staff = await signInStaff(host);
    const hanako = await signInResident(host);
    const taro = await signInResident(host);
    hanakoId = principalId(hanako);
    const data = host.data(SYSTEM);
    const gym = await createFacility(data);
    const pool = await createFacility(data, { name: '中央区プール' });
    expect((await book(hanako, await createSlot(data, gym), { partySize: 2 })).status).toBe(200);
    const later = await book(
      hanako,
      await createSlot(data, pool, { date: localDate(3), startTime: '13:00', endTime: '15:00' }),
    );
    expect(later.status).toBe(200);
    expect((await book(taro, await createSlot(data, gym, { startTime: '14:00', endTime: '15:00' }))).status).toBe(200);
    const cancelled = await hanako.request('POST', '/api/actions/reservations.cancel', {
      body: { reservationId: later.body.reservation.id },
    });
    expect(cancelled.status).toBe(200);
  });
  afterAll(() => host?.close());

  it('contributes a record panel on ResidentProfile drawn by an element its module defines', async () => {
    expect(reservations.ui?.recordPanels).toEqual([
      expect.objectContaining({ tag: 'reservations-resident-panel', entities: ['ResidentProfile'] }),
    ]);
    const module = await host.request('GET', '/ui/plugins/reservations/index.js', { as: staff });
    expect(String(module.body)).toContain("customElements.define('reservations-resident-panel'");
  });

  it("shows booking staff the resident's reservations only, newest first, and audits the read", async () => {
    const answer = await staff.request('GET', `/api/plugins/reservations/residents/${hanakoId}/reservations`);
    expect(answer.status).toBe(200);
    expect(answer.body.items).toEqual([
      expect.objectContaining({ status: 'cancelled', facility: expect.objectContaining({ name: '中央区プール' }) }),
      expect.objectContaining({
        status: 'confirmed',
        partySize: 2,
        facility: expect.objectContaining({ name: '北区体育館' }),
        slot: expect.objectContaining({ date: localDate(1), startTime: '10:00', endTime: '12:00' }),
      }),
    ]);
    expect(await reads(hanakoId)).toEqual([expect.objectContaining({ principalId: principalId(staff) })]);
  });

  it('refuses staff without the booking role, residents and a malformed id, reading nothing', async () => {
    const clerk = await host.signInAs('staff', 'other-desk', []);
    const refused = await clerk.request('GET', `/api/plugins/reservations/residents/${hanakoId}/reservations`);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('reservations.staffOnly');
    const resident = await signInResident(host);
    const own = await resident.request(
      'GET',
      `/api/plugins/reservations/residents/${principalId(resident)}/reservations`,
    );
    expect(own.status).toBe(403);
    const bad = await staff.request('GET', '/api/plugins/reservations/residents/not-an-id/reservations');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('reservations.invalidResident');
    expect(await reads(hanakoId)).toHaveLength(1);
    expect(await reads(principalId(resident))).toEqual([]);
  });
});
