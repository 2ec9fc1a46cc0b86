import type { DataApi } from '@kiban/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { pushSender } from '../src/channels/push.ts';
import { startPushSandbox } from '../src/sandbox/index.ts';
import { drainJobs } from './channels-support.ts';
import {
  callAction,
  createCampaign,
  databaseKinds,
  residentWithProfile,
  SYSTEM,
  signInStaff,
  startHost,
  type TestHost,
} from './support.ts';

const VAPID = webpush.generateVAPIDKeys();
const SUBJECT = 'mailto:notices@city.example.jp';

describe('Web Push to the sandbox push service', () => {
  let push: Awaited<ReturnType<typeof startPushSandbox>>;
  beforeAll(async () => {
    push = await startPushSandbox();
  });
  afterAll(() => push?.close());

  const sender = (allowedHosts = [new URL(push.url).host]) =>
    pushSender({
      subject: SUBJECT,
      publicKey: VAPID.publicKey,
      privateKey: VAPID.privateKey,
      allowedHosts,
      timeoutMs: 5000,
    });

  it('encrypts the message so that only the subscription decrypts it, signed with VAPID', async () => {
    const subscription = push.subscribe();
    const outcome = await sender().send({
      idempotencyKey: 'kiban-campaign-1-r-push',
      address: JSON.stringify(subscription),
      language: 'ja',
      subject: '3歳児健診のお知らせ',
      body: '山田 花子 様',
    });
    expect(outcome).toEqual({ status: 'sending', reference: expect.stringContaining(`${push.url}/message/`) });
    expect(push.messages.at(-1)).toEqual({
      subscription: subscription.id,
      payload: JSON.stringify({ title: '3歳児健診のお知らせ', body: '山田 花子 様', tag: 'kiban-campaign-1-r-push' }),
      ttl: 86_400,
      urgency: 'normal',
      vapidSubject: SUBJECT,
      vapidPublicKey: VAPID.publicKey,
    });
  });

  it('gives up on an expired subscription, retries a 5xx, and never sends to a service not allowed', async () => {
    const subscription = push.subscribe();
    const message = { idempotencyKey: 'k', address: JSON.stringify(subscription), language: 'ja', body: 'x' };
    push.failNext(1, 503);
    expect(await sender().send(message)).toMatchObject({ status: 'retry', error: expect.stringContaining('503') });
    push.expire(subscription.id);
    expect(await sender().send(message)).toMatchObject({
      status: 'permanent-failure',
      error: 'HTTP 410: subscription gone',
    });
    const before = push.messages.length;
    expect(
      await sender(['fcm.googleapis.com']).send({ ...message, address: JSON.stringify(push.subscribe()) }),
    ).toMatchObject({
      status: 'permanent-failure',
      error: expect.stringContaining('not allowed'),
    });
    expect(push.messages.length).toBe(before);
  });

  it('is refused by the push service when signed with another key than the one it claims', async () => {
    const other = webpush.generateVAPIDKeys();
    const subscription = push.subscribe();
    const request = webpush.generateRequestDetails(subscription, 'x', {
      vapidDetails: { subject: SUBJECT, publicKey: VAPID.publicKey, privateKey: other.privateKey },
      contentEncoding: 'aes128gcm',
    });
    const response = await fetch(request.endpoint, {
      method: 'POST',
      headers: request.headers as Record<string, string>,
      body: new Uint8Array(request.body),
    });
    expect(response.status).toBe(401);
  });
});

describe.each(databaseKinds())('Web Push campaigns on %s', (kind) => {
  let host: TestHost;
  let data: DataApi;
  let push: Awaited<ReturnType<typeof startPushSandbox>>;

  beforeAll(async () => {
    host = await startHost(kind);
    data = host.data(SYSTEM);
    push = await startPushSandbox();
    const stored = await host.setSettings('notifications', {
      push: { subject: SUBJECT, vapidPublicKey: VAPID.publicKey, allowedHosts: [new URL(push.url).host] },
      vapidPrivateKey: VAPID.privateKey,
    });
    expect(stored.status).toBe(200);
  });
  afterAll(async () => {
    await push?.close();
    await host?.close();
  });

  it("subscribes a resident's browser and delivers a campaign to it", async () => {
    const resident = await residentWithProfile(host, { name: '山田 花子', ward: '手稲区' });
    const key = await resident.client.request('GET', '/api/plugins/notifications/push/public-key');
    expect(key.body).toEqual({ publicKey: VAPID.publicKey });
    const { id, ...subscription } = push.subscribe();
    expect((await callAction(resident.client, 'subscribePush', subscription)).status).toBe(200);
    const elsewhere = { ...subscription, endpoint: 'https://push.example.net/x' };
    const refused = await callAction(resident.client, 'subscribePush', elsewhere);
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('notifications.pushServiceNotAllowed');
    const badKey = await callAction(resident.client, 'subscribePush', {
      ...subscription,
      keys: { p256dh: 'x', auth: 'y' },
    });
    expect(badKey.status).toBe(422);

    const campaign = await createCampaign(data, {
      segment: { fact: 'ward', op: 'eq', value: '手稲区' },
      channels: ['push'],
      content: {
        inbox: { ja: { subject: '健診', body: '{{name}} 様' } },
        push: { ja: { subject: '3歳児健診', body: '{{name}} 様 {{deadline|wareki}}まで' } },
      },
    });
    const staff = await signInStaff(host);
    expect((await callAction(staff, 'publishCampaign', { campaignId: campaign.id })).status).toBe(200);
    await drainJobs(host);
    expect(
      push.messages.filter((message) => message.subscription === id).map((message) => JSON.parse(message.payload)),
    ).toEqual([expect.objectContaining({ title: '3歳児健診', body: '山田 花子 様 令和9年1月31日まで' })]);
    const receipts = await staff.request('GET', `/api/plugins/notifications/campaigns/${campaign.id}/receipts`);
    expect(JSON.stringify(receipts.body)).toContain('push');
  });

  it('notifies each of a resident’s browsers, drops one whose subscription is gone, and stops one on request', async () => {
    const resident = await residentWithProfile(host, { name: '佐藤 一郎', ward: '西区' });
    const { id: phone, ...onPhone } = push.subscribe();
    const { id: laptop, ...onLaptop } = push.subscribe();
    expect((await callAction(resident.client, 'subscribePush', onPhone)).body).toEqual({
      channel: 'push',
      browsers: 1,
    });
    expect((await callAction(resident.client, 'subscribePush', onLaptop)).body).toEqual({
      channel: 'push',
      browsers: 2,
    });
    // Subscribing the same browser again renews it, not a third browser.
    expect((await callAction(resident.client, 'subscribePush', onPhone)).body.browsers).toBe(2);
    const staff = await signInStaff(host);
    const send = async (body: string) => {
      const campaign = await createCampaign(data, {
        segment: { fact: 'ward', op: 'eq', value: '西区' },
        channels: ['push'],
        content: { inbox: { ja: { body } }, push: { ja: { subject: 'お知らせ', body } } },
      });
      expect((await callAction(staff, 'publishCampaign', { campaignId: campaign.id })).status).toBe(200);
      await drainJobs(host);
    };
    const received = (subscription: string) =>
      push.messages.filter((message) => message.subscription === subscription).map((m) => JSON.parse(m.payload).body);

    await send('一通目');
    expect([received(phone), received(laptop)]).toEqual([['一通目'], ['一通目']]);
    push.expire(laptop);
    await send('二通目');
    expect(received(phone)).toEqual(['一通目', '二通目']);
    const contact = async () =>
      (
        await host
          .context()
          .sql.query<{ address: string }>(`select address from contact where recipient = $1 and channel = 'push'`, [
            resident.id,
          ])
      ).rows.map((row) => JSON.parse(row.address).map((browser: { endpoint: string }) => browser.endpoint));
    expect(await contact()).toEqual([[onPhone.endpoint]]);

    const stopped = await callAction(resident.client, 'unsubscribePush', { endpoint: onPhone.endpoint });
    expect(stopped.body).toEqual({ channel: 'push', browsers: 0 });
    expect(await contact()).toEqual([]);
  });
});
