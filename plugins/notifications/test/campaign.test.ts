import type { DataApi } from '@kiban/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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

describe.each(databaseKinds())('campaigns on %s', (kind) => {
  let host: TestHost;
  let data: DataApi;
  let staff: TestHostClient;

  beforeAll(async () => {
    host = await startHost(kind);
    data = host.data(SYSTEM);
    staff = await signInStaff(host);
  });
  afterAll(() => host?.close());

  it('refuses at publish a template field that is neither a field nor a shared value, and changes nothing', async () => {
    const campaign = await createCampaign(data, {
      segment: { fact: 'ward', op: 'eq', value: '北区' },
      content: { inbox: { ja: { subject: '{{title}}', body: '{{name}} {{deadline|wareki}} {{nickname}}' } } },
    });
    const refused = await callAction(staff, 'publishCampaign', { campaignId: campaign.id });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('notifications.templateInvalid');
    expect(refused.body.errors.map((e: { pointer: string; code: string }) => `${e.pointer} ${e.code}`).sort()).toEqual([
      '/content/inbox/ja/body notifications.missingField',
      '/content/inbox/ja/subject notifications.missingField',
    ]);
    expect((await data.get('NotificationCampaign', String(campaign.id))).status).toBe('draft');
    expect((await host.jobs('pending')).map((job) => job.name)).not.toContain('notifications.fanOut');
  });

  it('refuses a channel without a Japanese text', async () => {
    const campaign = await createCampaign(data, {
      segment: { fact: 'ward', op: 'eq', value: '北区' },
      channels: ['push', 'sms'],
      content: { inbox: { ja: { body: '{{name}}' } }, push: { ja: { body: '{{name}}' } } },
    });
    const refused = await callAction(staff, 'publishCampaign', { campaignId: campaign.id });
    expect(refused.status).toBe(422);
    expect(refused.body.errors.map((e: { pointer: string; code: string }) => `${e.pointer} ${e.code}`)).toEqual([
      '/content/sms/ja/body notifications.missingText',
    ]);
  });

  it('refuses a segment that does not compile', async () => {
    const campaign = await createCampaign(data, { segment: { fact: 'noSuchField', op: 'eq', value: 1 } });
    const refused = await callAction(staff, 'publishCampaign', { campaignId: campaign.id });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('segment.invalid');
    expect((await data.get('NotificationCampaign', String(campaign.id))).status).toBe('draft');
  });

  it('previews the count and a personalised sample, fans out once into the inbox of exactly the segment', async () => {
    const kita = await Promise.all(
      ['北 一郎', '北 二郎', '北 三郎'].map((name) => residentWithProfile(host, { name, ward: '北区' })),
    );
    const minami = await residentWithProfile(host, { name: '南 花子', ward: '南区' });
    const campaign = await createCampaign(data, { segment: { fact: 'ward', op: 'eq', value: '北区' } });

    const preview = await callAction(staff, 'previewCampaign', { campaignId: campaign.id });
    expect(preview.status).toBe(200);
    expect(preview.body.recipients).toBe(3);
    expect(preview.body.sample[0].body).toMatch(/^北 .郎 様 令和9年1月31日までに受診してください。$/);

    expect((await callAction(staff, 'publishCampaign', { campaignId: campaign.id })).status).toBe(200);
    await host.runJobs();
    expect((await data.get('NotificationCampaign', String(campaign.id))).status).toBe('sent');

    for (const resident of kita) {
      const inbox = await resident.client.request('GET', '/api/plugins/notifications/inbox');
      expect(inbox.body.items).toHaveLength(1);
      expect(inbox.body.items[0]).toMatchObject({ subject: '3歳児健診のお知らせ', official: false, readAt: null });
      expect(inbox.body.items[0].body).toBe(`${resident.profile.name} 様 令和9年1月31日までに受診してください。`);
    }
    const english = await kita[0]?.client.request('GET', '/api/plugins/notifications/inbox?language=en');
    expect(english?.body.items[0].body).toBe(`Dear ${kita[0]?.profile.name}, please attend by January 31, 2027.`);
    expect((await minami.client.request('GET', '/api/plugins/notifications/inbox')).body.items).toEqual([]);

    const first = kita[0]?.client;
    if (!first) throw new Error('no resident');
    expect((await first.request('GET', '/api/plugins/notifications/inbox/unread-count')).body).toEqual({ unread: 1 });
    const id = (await first.request('GET', '/api/plugins/notifications/inbox')).body.items[0].id;
    expect((await minami.client.request('POST', `/api/plugins/notifications/inbox/${id}/read`)).status).toBe(404);
    const read = await first.request('POST', `/api/plugins/notifications/inbox/${id}/read`);
    expect(read.body).toEqual({ read: true, unread: 0 });
  });

  it('publishes only a draft, and a scheduled campaign waits for its time', async () => {
    await residentWithProfile(host, { name: '東 太郎', ward: '東区' });
    const later = new Date(Date.now() + 3_600_000).toISOString();
    const campaign = await createCampaign(data, { segment: { fact: 'ward', op: 'eq', value: '東区' } });
    await data.update('NotificationCampaign', String(campaign.id), { scheduledAt: later });
    expect((await callAction(staff, 'publishCampaign', { campaignId: campaign.id })).status).toBe(200);
    expect((await callAction(staff, 'publishCampaign', { campaignId: campaign.id })).status).toBe(409);
    await host.runJobs();
    expect((await data.get('NotificationCampaign', String(campaign.id))).status).toBe('published');
    await host.runJobs(new Date(Date.now() + 3_700_000));
    expect((await data.get('NotificationCampaign', String(campaign.id))).status).toBe('sent');
  });

  it('sends an enters-segment campaign when a record comes to match, once per resident', async () => {
    const resident = await residentWithProfile(host, { name: '西 さくら', ward: '西区', childAge: 2 });
    const campaign = await createCampaign(data, {
      segment: {
        all: [
          { fact: 'childAge', op: 'eq', value: 3 },
          { fact: 'ward', op: 'eq', value: '西区' },
        ],
      },
      trigger: 'enters-segment',
    });
    expect((await callAction(staff, 'publishCampaign', { campaignId: campaign.id })).status).toBe(200);
    const inbox = async () => (await resident.client.request('GET', '/api/plugins/notifications/inbox')).body.items;

    await data.update('ResidentProfile', String(resident.profile.id), { name: '西 さくら' });
    await host.settled();
    expect(await inbox()).toEqual([]);

    await data.update('ResidentProfile', String(resident.profile.id), { childAge: 3 });
    await host.settled();
    expect(await inbox()).toHaveLength(1);

    await data.update('ResidentProfile', String(resident.profile.id), { name: '西 さくら（更新）' });
    await host.settled();
    const items = await inbox();
    expect(items).toHaveLength(1);
    expect(items[0].body).toContain('西 さくら');
  });
});
