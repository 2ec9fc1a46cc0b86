import { createTestHost } from '@kiban/sdk/testing';
import { describe, expect, it } from 'vitest';
import reservations from '../src/index.ts';
import { localNow } from '../src/local-clock.ts';
import { signInStaff } from './support.ts';

describe('configuration', () => {
  it('takes "today" from the configured time zone', async () => {
    // Fourteen hours ahead of UTC: a different calendar day from Japan for ten hours a day.
    const timeZone = 'Pacific/Kiritimati';
    const host = await createTestHost({ plugins: [reservations], config: { reservations: { timeZone } } });
    try {
      const staff = await signInStaff(host);
      const report = await staff.request('GET', '/api/plugins/reservations/occupancy');
      expect(report.body.date).toBe(localNow(timeZone).date);
    } finally {
      await host.close();
    }
  });

  it('refuses to start with a time zone that does not exist', async () => {
    await expect(
      createTestHost({ plugins: [reservations], config: { reservations: { timeZone: 'Asia/Atlantis' } } }),
    ).rejects.toThrow(/Asia\/Atlantis/);
  });
});
