import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, signInStaff, startHost, type TestClient, type TestHost } from './support.ts';

describe.each(databaseKinds())('opening hours and closed dates as field types on %s', (kind) => {
  let host: TestHost;
  let staff: TestClient;

  beforeAll(async () => {
    host = await startHost(kind);
    staff = await signInStaff(host);
  });
  afterAll(() => host?.close());

  const createFacility = (fields: Record<string, unknown>) =>
    staff.request('POST', '/api/data/Facility', { body: { name: '西区図書館 会議室', ...fields } });

  it('stores well-formed hours and dates', async () => {
    const openingHours = {
      mon: [
        ['09:00', '12:00'],
        ['13:00', '21:00'],
      ],
      sat: [['10:00', '24:00']],
    };
    const created = await createFacility({ openingHours, closedDates: ['2026-12-29', '2026-12-30'] });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ openingHours, closedDates: ['2026-12-29', '2026-12-30'] });
  });

  it('refuses malformed hours and dates with 422 at the offending field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ openingHours: { monday: [['09:00', '17:00']] } }, '/openingHours'],
      [{ openingHours: { mon: [['9:00', '17:00']] } }, '/openingHours'],
      [{ openingHours: { mon: [['09:00']] } }, '/openingHours'],
      [{ openingHours: 'weekdays 9-17' }, '/openingHours'],
      [{ openingHours: {}, closedDates: ['2026-02-30'] }, '/closedDates'],
      [{ openingHours: {}, closedDates: '2026-12-29' }, '/closedDates'],
    ];
    for (const [fields, pointer] of cases) {
      const refused = await createFacility(fields);
      expect(refused.status, JSON.stringify(fields)).toBe(422);
      const pointers: string[] = refused.body.errors.map((error: { pointer: string }) => error.pointer);
      expect(pointers.length).toBeGreaterThan(0);
      for (const at of pointers) expect(at.startsWith(pointer), at).toBe(true);
    }
  });
});
