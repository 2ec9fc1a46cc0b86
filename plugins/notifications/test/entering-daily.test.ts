import type { DataApi, PluginContext } from '@kiban/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { publishedEnteringCampaigns } from '../src/campaigns/enters-segment.ts';
import {
  callAction,
  createCampaign,
  databaseKinds,
  SYSTEM,
  signInStaff,
  startHost,
  type TestHost,
  type TestHostClient,
} from './support.ts';

const TURNS_THREE = { fact: 'age', of: 'childBirthDate', op: 'eq', value: 3 };
const owner = (n: number) => `00000000-0000-4000-8000-0000000004${String(n).padStart(2, '0')}`;

describe.each(databaseKinds())('enters-segment campaigns as the days pass on %s', (kind) => {
  let host: TestHost;
  let ctx: PluginContext;
  let data: DataApi;
  let staff: TestHostClient;

  beforeAll(async () => {
    host = await startHost(kind);
    ctx = host.context('notifications');
    data = host.data(SYSTEM);
    staff = await signInStaff(host);
  });
  afterEach(() => vi.useRealTimers());
  afterAll(() => host?.close());

  async function inboxOf(recipient: string, campaignId: string): Promise<number> {
    const { rows } = await ctx.sql.query<{ n: number }>(
      'select count(*)::int as n from inbox where recipient = $1::uuid and campaign_id = $2::uuid',
      [recipient, campaignId],
    );
    return rows[0]?.n ?? -1;
  }

  /** The city's clock at `instant`, and the jobs due then (the daily schedule among them). */
  async function passAt(instant: string): Promise<void> {
    vi.setSystemTime(new Date(instant));
    await host.runJobs(new Date(instant));
  }

  it('notifies a child turning three on the day, once, and never the baseline', async () => {
    const profile = (n: number, childBirthDate: string) =>
      data.create('ResidentProfile', { name: `住民 ${n}`, ward: '西区', childBirthDate, owner: owner(n) });
    // Published in December 2026: the first child is 3 already (the baseline).
    const baseline = await profile(1, '2023-06-01');
    await profile(2, '2024-04-01'); // turns 3 on 1 April 2027
    await profile(3, '2024-04-02'); // turns 3 on 2 April 2027
    const written = await profile(4, '2020-01-01'); // 6: enters by a write instead
    const campaign = await createCampaign(data, { segment: TURNS_THREE, trigger: 'enters-segment' });
    const campaignId = String(campaign.id);

    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2026-12-08T12:00:00+09:00'));
    expect((await callAction(staff, 'publishCampaign', { campaignId })).status).toBe(200);
    const { rows: entries } = await ctx.sql.query<{ recipient: string; baseline: boolean }>(
      'select recipient::text, baseline from segment_entry where campaign_id = $1::uuid',
      [campaignId],
    );
    expect(entries).toEqual([{ recipient: owner(1), baseline: true }]);

    // A write to a baseline record is no entry; a write that brings a record in is.
    await data.update('ResidentProfile', String(baseline.id), { name: '住民 1（転居）' });
    await data.update('ResidentProfile', String(written.id), { childBirthDate: '2023-05-01' });
    await host.settled();
    expect(await inboxOf(owner(1), campaignId)).toBe(0);
    expect(await inboxOf(owner(4), campaignId)).toBe(1);

    await passAt('2027-03-31T23:00:00+09:00');
    expect([await inboxOf(owner(2), campaignId), await inboxOf(owner(3), campaignId)]).toEqual([0, 0]);

    await passAt('2027-04-01T00:30:00+09:00');
    expect([await inboxOf(owner(2), campaignId), await inboxOf(owner(3), campaignId)]).toEqual([1, 0]);

    // Rerun the same day, by the schedule and by hand: nobody twice.
    await ctx.jobs.enqueue('entersSegmentPass', { campaignId }, { key: `again-${campaignId}` });
    await passAt('2027-04-01T00:40:00+09:00');
    expect(await inboxOf(owner(2), campaignId)).toBe(1);

    await passAt('2027-04-02T00:30:00+09:00');
    const counts = await Promise.all([1, 2, 3, 4].map((n) => inboxOf(owner(n), campaignId)));
    expect(counts).toEqual([0, 1, 1, 1]);
    // The record event of the written record (3 again, since April 2026) and the passes overlap.
    const { rows } = await ctx.sql.query<{ n: number }>(
      'select count(*)::int as n from segment_entry where campaign_id = $1::uuid and not baseline',
      [campaignId],
    );
    expect(rows[0]?.n).toBe(3);
  });

  it('pages through every published enters-segment campaign', async () => {
    const ids: string[] = [];
    for (let n = 0; n < 5; n += 1) {
      const campaign = await createCampaign(data, { segment: TURNS_THREE, trigger: 'enters-segment' });
      await data.update('NotificationCampaign', String(campaign.id), { status: 'published' });
      ids.push(String(campaign.id));
    }
    const seen: string[] = [];
    for await (const page of publishedEnteringCampaigns(data, 'ResidentProfile', 2)) {
      expect(page.length).toBeLessThanOrEqual(2);
      seen.push(...page.map((row) => String(row.id)));
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of ids) expect(seen).toContain(id);
  });
});
