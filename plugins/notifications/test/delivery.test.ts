import type { DataApi } from '@kiban/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { drainJobs, lineUserId, passTime, startOfAMinute, startProviders, tokyoTime } from './channels-support.ts';
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

describe.each(databaseKinds())('channel delivery on %s', (kind) => {
  let host: TestHost;
  let data: DataApi;
  let staff: TestHostClient;
  let providers: Awaited<ReturnType<typeof startProviders>>;

  beforeAll(async () => {
    host = await startHost(kind);
    data = host.data(SYSTEM);
    staff = await signInStaff(host);
    providers = await startProviders(host);
  });
  afterAll(async () => {
    await providers?.close();
    await host?.close();
  });

  const contact = (client: TestHostClient, channel: string, address: string) =>
    callAction(client, 'setContact', { channel, address });

  it('delivers by each chosen channel, honouring opt-outs and quiet hours, with receipts', async () => {
    const [plain, optedOut, quiet, smsOnly] = await Promise.all(
      ['配信 一', '配信 二', '配信 三', '配信 四'].map((name) => residentWithProfile(host, { name, ward: '中央区' })),
    );
    if (!plain || !optedOut || !quiet || !smsOnly) throw new Error('residents missing');
    for (const [index, resident] of [plain, optedOut, quiet].entries()) {
      expect((await contact(resident.client, 'email', `r${index}@example.jp`)).status).toBe(200);
      expect((await contact(resident.client, 'line', lineUserId())).status).toBe(200);
    }
    expect((await contact(smsOnly.client, 'sms', '+819011112222')).status).toBe(200);
    expect((await contact(smsOnly.client, 'sms', '090-1111-2222')).status).toBe(422);
    expect(
      (await callAction(optedOut.client, 'setPreference', { category: 'health', channel: 'email', enabled: false }))
        .status,
    ).toBe(200);
    expect(
      (await callAction(quiet.client, 'setQuietHours', { starts: tokyoTime(-60), ends: tokyoTime(60) })).status,
    ).toBe(200);

    const campaign = await createCampaign(data, {
      segment: { fact: 'ward', op: 'eq', value: '中央区' },
      channels: ['email', 'line', 'sms'],
    });
    expect((await callAction(staff, 'publishCampaign', { campaignId: campaign.id })).status).toBe(200);
    await drainJobs(host);

    expect(providers.smtp.received.map((mail) => mail.to && 'text' in mail.to && mail.to.text)).toEqual([
      'r0@example.jp',
    ]);
    const mail = providers.smtp.received[0];
    expect(mail?.text).toContain('配信 一 様 令和9年1月31日までに受診してください。');
    const unsubscribe = mail?.headerLines.find((line) => line.key === 'list-unsubscribe')?.line ?? '';
    expect(unsubscribe).toMatch(/https:\/\/city\.example\.jp\/api\/public\/notifications\/unsubscribe\?token=/);
    expect(mail?.headerLines.find((line) => line.key === 'list-unsubscribe-post')?.line).toContain(
      'List-Unsubscribe=One-Click',
    );
    expect(providers.line.messages.map((message) => message.text).sort()).toEqual([
      '配信 一 様 3歳児健診のお知らせです。',
      '配信 二 様 3歳児健診のお知らせです。',
    ]);
    expect(providers.sms.messages.map((message) => message.body)).toEqual(['配信 四 様 3歳児健診のお知らせ']);

    // Deferred to the end of the quiet hours, not dropped; once they are over the messages go.
    const deferred = await host
      .context()
      .sql.query<{ due: Date }>(`select next_attempt_at as due from delivery where status = 'created'`);
    expect(deferred.rows).toHaveLength(2);
    for (const row of deferred.rows) expect(new Date(row.due).getTime()).toBeGreaterThan(Date.now() + 50 * 60_000);
    await callAction(quiet.client, 'setQuietHours', { starts: tokyoTime(-180), ends: tokyoTime(-120) });
    await passTime(host, 70);
    expect(providers.smtp.received).toHaveLength(2);
    expect(providers.line.messages).toHaveLength(3);

    const receipts = await staff.request('GET', `/api/plugins/notifications/campaigns/${campaign.id}/receipts`);
    expect(receipts.body.recipients).toBe(4);
    expect(receipts.body.deliveries).toEqual([
      { channel: 'email', status: 'sending', count: 2 },
      { channel: 'line', status: 'sending', count: 3 },
      { channel: 'sms', status: 'sending', count: 1 },
    ]);

    // The one-click unsubscribe: a GET only shows the button, the POST switches email off.
    const path =
      new URL(unsubscribe.replace(/^.*<|>.*$/gs, '')).pathname + new URL(unsubscribe.replace(/^.*<|>.*$/gs, '')).search;
    expect((await host.request('GET', path)).status).toBe(200);
    const before = await plain.client.request('GET', '/api/plugins/notifications/preferences');
    expect(before.body.preferences).toEqual([]);
    const done = await host.request('POST', path, {
      body: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(done.status).toBe(200);
    const after = await plain.client.request('GET', '/api/plugins/notifications/preferences');
    expect(after.body.preferences).toEqual([{ category: 'health', channel: 'email', enabled: false }]);
    const forged = await host.request('POST', path.replace(/token=[^.]+/, 'token=eyJyIjoieCIsImMiOiJ5In0'));
    expect(forged.status).toBe(400);
  });

  it('retries a 5xx with back-off, then records a temporary failure', async () => {
    const flaky = await residentWithProfile(host, { name: '再送 一', ward: '手稲区' });
    await contact(flaky.client, 'line', lineUserId());
    const campaign = await createCampaign(data, {
      segment: { fact: 'ward', op: 'eq', value: '手稲区' },
      channels: ['line'],
    });
    providers.line.failNext(1, 503);
    expect((await callAction(staff, 'publishCampaign', { campaignId: campaign.id })).status).toBe(200);
    await drainJobs(host);
    const receipts = async () =>
      (await staff.request('GET', `/api/plugins/notifications/campaigns/${campaign.id}/receipts`)).body;
    expect((await receipts()).deliveries).toEqual([{ channel: 'line', status: 'created', count: 1 }]);
    expect((await receipts()).failures[0].lastError).toContain('503');

    providers.line.failNext(1, 500);
    await passTime(host, 2);
    expect((await receipts()).deliveries).toEqual([{ channel: 'line', status: 'temporary-failure', count: 1 }]);
    expect(providers.line.messages.filter((message) => message.text.startsWith('再送'))).toEqual([]);
  });

  it('keeps to the per-channel rate limit from the settings', async () => {
    const residents = await Promise.all(
      ['上限 一', '上限 二', '上限 三'].map((name) => residentWithProfile(host, { name, ward: '厚別区' })),
    );
    for (const resident of residents)
      await contact(resident.client, 'sms', `+8190${Math.floor(10_000_000 + Math.random() * 89_999_999)}`);
    await host.setSettings('notifications', { ...providers.settings, rateLimits: { sms: 2 } });
    const campaign = await createCampaign(data, {
      segment: { fact: 'ward', op: 'eq', value: '厚別区' },
      channels: ['sms'],
    });
    const sentBefore = providers.sms.messages.length;
    await startOfAMinute();
    expect((await callAction(staff, 'publishCampaign', { campaignId: campaign.id })).status).toBe(200);
    await drainJobs(host);
    expect(providers.sms.messages.length - sentBefore).toBe(2);
    await passTime(host, 1);
    expect(providers.sms.messages.length - sentBefore).toBe(3);
    await host.setSettings('notifications', providers.settings);
  });
});
