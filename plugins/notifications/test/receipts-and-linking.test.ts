import type { DataApi } from '@kiban/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineSignature } from '../src/callbacks/signatures.ts';
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
} from './support.ts';

describe.each(databaseKinds())('provider receipts and LINE account linking on %s', (kind) => {
  let host: TestHost;
  let data: DataApi;
  let origin: string;
  let providers: Awaited<ReturnType<typeof startProviders>>;

  beforeAll(async () => {
    host = await startHost(kind);
    data = host.data(SYSTEM);
    providers = await startProviders(host);
    ({ origin } = await host.listen());
    providers.line.webhookUrl = `${origin}/api/public/notifications/callbacks/line`;
  });
  afterAll(async () => {
    await providers?.close();
    await host?.close();
  });

  const deliveries = async (campaignId: unknown) =>
    (
      await host.context().sql.query<{ address: string; status: string; error: string | null; delivered: boolean }>(
        `select d.address, d.status, d.last_error as error, d.delivered_at is not null as delivered
             from delivery d join inbox entry on entry.id = d.inbox_id where entry.campaign_id = $1 order by d.address`,
        [campaignId],
      )
    ).rows;

  it("records Twilio's signed status callbacks: delivered, and undelivered as a permanent failure", async () => {
    const [first, second] = await Promise.all(
      ['受信 一', '受信 二'].map((name) => residentWithProfile(host, { name, ward: '清田区' })),
    );
    if (!first || !second) throw new Error('residents missing');
    await callAction(first.client, 'setContact', { channel: 'sms', address: '+819000000001' });
    await callAction(second.client, 'setContact', { channel: 'sms', address: '+819000000002' });
    const campaign = await createCampaign(data, {
      segment: { fact: 'ward', op: 'eq', value: '清田区' },
      channels: ['sms'],
    });
    const staff = await signInStaff(host);
    expect((await callAction(staff, 'publishCampaign', { campaignId: campaign.id })).status).toBe(200);
    await drainJobs(host);
    const sent = providers.sms.messages.filter((message) => message.to.startsWith('+81900000000'));
    expect(sent.map((message) => message.statusCallback)).toEqual([
      'https://city.example.jp/api/public/notifications/callbacks/sms',
      'https://city.example.jp/api/public/notifications/callbacks/sms',
    ]);
    const sid = (to: string) => String(sent.find((message) => message.to === to)?.sid);
    const callback = `${origin}/api/public/notifications/callbacks/sms`;

    const forged = await fetch(callback, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': 'AAAA' },
      body: new URLSearchParams({ MessageSid: sid('+819000000001'), MessageStatus: 'delivered' }),
    });
    expect(forged.status).toBe(401);
    expect((await deliveries(campaign.id)).map((row) => row.status)).toEqual(['sending', 'sending']);

    expect(await providers.sms.report(sid('+819000000001'), 'sent', undefined, callback)).toBe(204);
    expect(await providers.sms.report(sid('+819000000001'), 'delivered', undefined, callback)).toBe(204);
    expect(await providers.sms.report(sid('+819000000002'), 'undelivered', '30003', callback)).toBe(204);
    expect(await deliveries(campaign.id)).toEqual([
      { address: '+819000000001', status: 'delivered', error: null, delivered: true },
      {
        address: '+819000000002',
        status: 'permanent-failure',
        error: 'Twilio undelivered (error 30003)',
        delivered: false,
      },
    ]);
  });

  it('links a LINE account: follow, link token, portal sign-in with a nonce, accountLink event', async () => {
    const resident = await residentWithProfile(host, { name: '連携 一', ward: '北区' });
    const userId = lineUserId();
    expect(await providers.line.follow(userId)).toBe(200);
    const offer = providers.line.messages.find((message) => message.to === userId);
    const page = /https:\/\/city\.example\.jp\/line-link\?linkToken=([A-Za-z0-9_-]+)/.exec(offer?.text ?? '')?.[1];
    expect(page).toBeDefined();
    // What the portal page goes on to once the resident is signed in (the page: pages.test.ts).
    const link = `/api/plugins/notifications/line/link?linkToken=${page}`;

    const redirect = await resident.client.request('GET', String(link));
    expect(redirect.status).toBe(302);
    const dialog = new URL(String(redirect.headers.get('location')));
    expect(dialog.origin + dialog.pathname).toBe(`${providers.line.url}/dialog/bot/accountLink`);
    expect(dialog.searchParams.get('nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(await (await fetch(dialog)).json()).toEqual({ linked: true });
    const preferences = await resident.client.request('GET', '/api/plugins/notifications/preferences');
    expect(preferences.body.contacts).toEqual([{ channel: 'line', address: userId, language: 'ja' }]);

    // The nonce is used up: the same accountLink event again links nobody else.
    const replay = JSON.stringify({
      events: [
        {
          type: 'accountLink',
          source: { type: 'user', userId: lineUserId() },
          link: { result: 'ok', nonce: dialog.searchParams.get('nonce') },
        },
      ],
    });
    const replayed = await fetch(`${origin}/api/public/notifications/callbacks/line`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-line-signature': lineSignature('line-channel-secret-0123456789', replay),
      },
      body: replay,
    });
    expect(replayed.status).toBe(200);
    const unsigned = await fetch(`${origin}/api/public/notifications/callbacks/line`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-line-signature': 'forged' },
      body: replay,
    });
    expect(unsigned.status).toBe(401);
    const after = await resident.client.request('GET', '/api/plugins/notifications/preferences');
    expect(after.body.contacts).toEqual([{ channel: 'line', address: userId, language: 'ja' }]);
  });
});
