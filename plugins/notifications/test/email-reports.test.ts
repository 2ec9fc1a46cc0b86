import type { DataApi } from '@kiban/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIntake } from '../src/intake/intake-signature.ts';
import { drainJobs, INTAKE_SECRET, startProviders } from './channels-support.ts';
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

/** A delivery status notification as a mail server writes one (RFC 3464), with the original's headers. */
function deliveryReport(options: {
  envelopeId?: string;
  messageId?: string;
  recipient: string;
  action: string;
  status: string;
  diagnostic?: string;
}): string {
  return [
    'From: MAILER-DAEMON@mail.city.example.jp',
    'To: bounces@city.example.jp',
    'Subject: Undelivered Mail Returned to Sender',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="report"',
    '',
    '--report',
    'Content-Type: text/plain; charset=us-ascii',
    '',
    'This is the mail system at host mail.city.example.jp.',
    '',
    '--report',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mail.city.example.jp',
    ...(options.envelopeId ? [`Original-Envelope-Id: ${options.envelopeId}`] : []),
    '',
    `Final-Recipient: rfc822; ${options.recipient}`,
    `Action: ${options.action}`,
    `Status: ${options.status}`,
    ...(options.diagnostic ? [`Diagnostic-Code: smtp; ${options.diagnostic.replace(': ', ':\r\n    ')}`] : []),
    '',
    '--report',
    'Content-Type: text/rfc822-headers',
    '',
    ...(options.messageId ? [`Message-ID: ${options.messageId}`] : []),
    'Subject: =?UTF-8?B?44GK55+l44KJ44Gb?=',
    '',
    '--report--',
    '',
  ].join('\r\n');
}

describe.each(databaseKinds())('email delivery reports (bounces) on %s', (kind) => {
  let host: TestHost;
  let data: DataApi;
  let origin: string;
  let providers: Awaited<ReturnType<typeof startProviders>>;

  beforeAll(async () => {
    host = await startHost(kind);
    data = host.data(SYSTEM);
    providers = await startProviders(host);
    const email = { ...(providers.settings.email as object), bounceAddress: 'bounces@city.example.jp' };
    await host.setSettings('notifications', { ...providers.settings, email });
    ({ origin } = await host.listen());
  });
  afterAll(async () => {
    await providers?.close();
    await host?.close();
  });

  const post = (body: string, secret = INTAKE_SECRET) => {
    const timestamp = Math.floor(Date.now() / 1000);
    return fetch(`${origin}/api/public/notifications/callbacks/email`, {
      method: 'POST',
      headers: {
        'content-type': 'message/rfc822',
        'x-kiban-timestamp': String(timestamp),
        'x-kiban-signature': signIntake(secret, timestamp, body),
      },
      body,
    });
  };
  const deliveries = async (campaignId: unknown) =>
    (
      await host.context().sql.query<{ address: string; status: string; error: string | null; delivered: boolean }>(
        `select d.address, d.status, d.last_error as error, d.delivered_at is not null as delivered
           from delivery d join inbox entry on entry.id = d.inbox_id where entry.campaign_id = $1 order by d.address`,
        [campaignId],
      )
    ).rows;

  it('asks for delivery reports and turns them into receipts: delivered, bounced, delayed', async () => {
    const addresses = ['hosoku1@example.jp', 'hosoku2@example.jp', 'hosoku3@example.jp'];
    for (const [i, address] of addresses.entries()) {
      const resident = await residentWithProfile(host, { name: `報告 ${i}`, ward: '手稲区' });
      if (!resident) throw new Error('resident missing');
      await callAction(resident.client, 'setContact', { channel: 'email', address });
    }
    const campaign = await createCampaign(data, {
      segment: { fact: 'ward', op: 'eq', value: '手稲区' },
      channels: ['email'],
    });
    expect((await callAction(await signInStaff(host), 'publishCampaign', { campaignId: campaign.id })).status).toBe(
      200,
    );
    await drainJobs(host);
    expect((await deliveries(campaign.id)).map((row) => row.status)).toEqual(['sending', 'sending', 'sending']);

    // The envelope asked the server for reports to the bounce mailbox, naming the message.
    const sent = addresses.map((address) => {
      const index = providers.smtp.envelopes.findIndex((envelope) => envelope.rcptTo[0]?.address === address);
      return { envelope: providers.smtp.envelopes[index], mail: providers.smtp.received[index] };
    });
    for (const { envelope, mail } of sent) {
      expect((envelope?.mailFrom || undefined)?.address).toBe('bounces@city.example.jp');
      expect(envelope?.dsn).toMatchObject({ ret: 'HDRS', envid: expect.stringMatching(/^kiban-campaign-/) });
      expect(envelope?.rcptTo[0]?.dsn?.notify).toEqual(['SUCCESS', 'FAILURE']);
      expect(mail?.messageId).toBe(`<${envelope?.dsn?.envid}@city.example.jp>`);
    }
    const [delivered, bounced, delayed] = sent;

    // Refused and unreadable reports change nothing.
    const report = deliveryReport({
      envelopeId: delivered?.envelope?.dsn?.envid ?? undefined,
      recipient: addresses[0] as string,
      action: 'delivered',
      status: '2.0.0',
    });
    expect((await post(report, 'not-the-intake-secret-at-all')).status).toBe(401);
    const garbage = await post('Subject: out of office\r\n\r\nI am away until Monday.');
    expect(garbage.status).toBe(422);
    expect((await garbage.json()).code).toBe('notifications.notADeliveryReport');
    expect((await deliveries(campaign.id)).map((row) => row.status)).toEqual(['sending', 'sending', 'sending']);

    expect(await (await post(report)).json()).toEqual({ updated: 1 });
    // Found by the Message-ID in the returned headers when the server does not return the envelope id.
    const bounce = deliveryReport({
      messageId: bounced?.mail?.messageId,
      recipient: (addresses[1] as string).toUpperCase(),
      action: 'failed',
      status: '5.1.1',
      diagnostic: '550 5.1.1 <hosoku2@example.jp>: Recipient address rejected: User unknown',
    });
    expect(await (await post(bounce)).json()).toEqual({ updated: 1 });
    const later = deliveryReport({
      envelopeId: delayed?.envelope?.dsn?.envid ?? undefined,
      recipient: addresses[2] as string,
      action: 'delayed',
      status: '4.4.1',
    });
    expect(await (await post(later)).json()).toEqual({ updated: 0 });
    // A report about another address of ours changes nothing.
    const misdirected = deliveryReport({
      envelopeId: delayed?.envelope?.dsn?.envid ?? undefined,
      recipient: addresses[0] as string,
      action: 'failed',
      status: '5.1.1',
    });
    expect(await (await post(misdirected)).json()).toEqual({ updated: 0 });

    expect(await deliveries(campaign.id)).toEqual([
      { address: addresses[0], status: 'delivered', error: null, delivered: true },
      {
        address: addresses[1],
        status: 'permanent-failure',
        error: 'DSN 5.1.1: smtp; 550 5.1.1 <hosoku2@example.jp>: Recipient address rejected: User unknown',
        delivered: false,
      },
      { address: addresses[2], status: 'sending', error: null, delivered: false },
    ]);
  });
});
