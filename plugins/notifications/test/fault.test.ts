import type { DataApi } from '@kiban/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainJobs, lineUserId, startProviders } from './channels-support.ts';
import {
  callAction,
  createCampaign,
  databaseKinds,
  residentWithProfile,
  SYSTEM,
  signInStaff,
  startHost,
  type TestHost,
  type TestHostClient,
} from './support.ts';

/**
 * Faults are injected from outside the plugin: a trigger in the plugin's schema makes a chosen
 * statement fail, so the job dies part way exactly as a crash before its commit would — after
 * the fan-out inserted, or after the provider was called for part of a batch.
 */
describe.each(databaseKinds())('a sender killed part way on %s', (kind) => {
  let host: TestHost;
  let data: DataApi;
  let staff: TestHostClient;
  let providers: Awaited<ReturnType<typeof startProviders>>;
  const sql = () => host.context().sql;

  beforeAll(async () => {
    host = await startHost(kind);
    data = host.data(SYSTEM);
    staff = await signInStaff(host);
    providers = await startProviders(host, { batchSize: 4 });
    await sql().query(`
      create table fault (target text primary key);
      create function injected_fault() returns trigger language plpgsql as $$
      begin
        if exists (select 1 from fault where target = tg_table_name) then raise exception 'injected crash in %', tg_table_name; end if;
        return new;
      end $$;
      create trigger campaign_run_fault before insert or update on campaign_run for each row execute function injected_fault();
      create trigger delivery_fault before update on delivery for each row execute function injected_fault();`);
  });
  afterAll(async () => {
    await providers?.close();
    await host?.close();
  });

  const arm = (table: string) => sql().query('insert into fault (target) values ($1)', [table]);
  const disarm = () => sql().query('delete from fault');
  const later = (minutes: number) => new Date(Date.now() + minutes * 60_000);

  it('resumes a fan-out and a delivery batch so that every resident gets the notice once and nobody is skipped', async () => {
    const residents = await Promise.all(
      Array.from({ length: 10 }, (_, index) => residentWithProfile(host, { name: `障害 ${index}`, ward: '清田区' })),
    );
    const addresses = new Map<string, string>();
    for (const resident of residents) {
      const address = lineUserId();
      addresses.set(address, resident.id);
      await callAction(resident.client, 'setContact', { channel: 'line', address });
    }
    const campaign = await createCampaign(data, {
      segment: { fact: 'ward', op: 'eq', value: '清田区' },
      channels: ['line'],
    });
    const inboxCount = async () =>
      Number(
        (await sql().query<{ n: string }>('select count(*) as n from inbox where campaign_id = $1', [campaign.id]))
          .rows[0]?.n,
      );

    // The fan-out dies after its INSERT … SELECT: nothing of it stays.
    await arm('campaign_run');
    expect((await callAction(staff, 'publishCampaign', { campaignId: campaign.id })).status).toBe(200);
    await host.runJobs();
    expect(await inboxCount()).toBe(0);
    expect((await host.jobs()).find((job) => job.name === 'notifications.fanOut')?.lastError).toMatch(/injected crash/);

    // Resumed: everyone once. The delivery batches then die after LINE accepted their messages.
    await disarm();
    await arm('delivery');
    await drainJobs(host, later(10));
    expect(await inboxCount()).toBe(10);
    // LINE accepted a batch (two, when two delivery jobs ran side by side) but nothing committed.
    expect(providers.line.messages.length).toBeGreaterThanOrEqual(4);
    const statuses = async () =>
      (
        await sql().query<{ status: string; n: string }>(
          'select status, count(*) as n from delivery group by status order by status',
        )
      ).rows;
    expect(await statuses()).toEqual([{ status: 'created', n: '10' }]);

    // Resumed: the repeated batch carries the same retry keys, which LINE drops as repeats.
    await disarm();
    await drainJobs(host, later(120));
    expect(await statuses()).toEqual([{ status: 'sending', n: '10' }]);
    const recipients = providers.line.messages.map((message) => addresses.get(message.to));
    expect(recipients).toHaveLength(10);
    expect(new Set(recipients)).toEqual(new Set(residents.map((resident) => resident.id)));
  }, 180_000);
});
