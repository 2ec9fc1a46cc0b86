import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIntake } from '../src/intake/intake-signature.ts';
import { drainJobs, INTAKE_SECRET, startProviders } from './channels-support.ts';
import {
  callAction,
  databaseKinds,
  residentWithProfile,
  signInStaff,
  startHost,
  type TestHost,
  type TestHostClient,
} from './support.ts';

const INTAKE = '/api/public/notifications/intake/notices';

describe.each(databaseKinds())('official digital notices on %s', (kind) => {
  let host: TestHost;
  let staff: TestHostClient;
  let providers: Awaited<ReturnType<typeof startProviders>>;
  const sql = () => host.context().sql;

  beforeAll(async () => {
    host = await startHost(kind);
    staff = await signInStaff(host);
    providers = await startProviders(host, { escalationDays: 7, fallbackChannel: 'email' });
  });
  afterAll(async () => {
    await providers?.close();
    await host?.close();
  });

  const send = (body: unknown, options: { key?: string; secret?: string; timestamp?: number } = {}) => {
    const raw = JSON.stringify(body);
    const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'x-kiban-timestamp': String(timestamp),
      'x-kiban-signature': signIntake(options.secret ?? INTAKE_SECRET, timestamp, raw),
    };
    if (options.key) headers['idempotency-key'] = options.key;
    // The host sends `body` as JSON.stringify gives it: exactly the bytes signed.
    return host.request('POST', INTAKE, { body, headers });
  };

  it('takes a signed notice once per idempotency key and refuses a bad signature or body, storing nothing', async () => {
    const resident = await residentWithProfile(host, { name: '通知 一', ward: '北区' });
    const notice = {
      recipient: resident.id,
      category: 'tax',
      title: '住民税決定通知',
      body: '令和8年度の住民税額は…',
      issuer: 'tax-system',
    };
    const realtime = await host.realtime(resident.client);
    await realtime.join('notifications.inbox', resident.id);
    const other = await residentWithProfile(host, { name: '通知 他', ward: '北区' });
    const snooping = await host.realtime(other.client);
    await expect(snooping.join('notifications.inbox', resident.id)).rejects.toBeTruthy();
    snooping.close();

    const unsigned = await host.request('POST', INTAKE, { body: notice, headers: { 'idempotency-key': 'k1' } });
    expect(unsigned.status).toBe(401);
    expect(unsigned.body.code).toBe('notifications.badSignature');
    expect((await send(notice, { key: 'k1', secret: 'a-different-secret-000000' })).status).toBe(401);
    expect((await send(notice, { key: 'k1', timestamp: Math.floor(Date.now() / 1000) - 3600 })).status).toBe(401);
    expect((await send(notice)).status).toBe(400);
    const invalid = await send({ ...notice, title: '' }, { key: 'k0' });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors[0].pointer).toBe('/title');
    expect((await sql().query('select * from notice')).rows).toEqual([]);

    const first = await send(notice, { key: 'k1' });
    expect(first.status).toBe(201);
    expect(first.body.notice.contentHash).toMatch(/^[0-9a-f]{64}$/);
    const again = await send(notice, { key: 'k1' });
    expect(again.status).toBe(200);
    expect(again.body.notice.id).toBe(first.body.notice.id);
    await realtime.waitForMessage((message) => message.event === 'inbox.changed');

    const inbox = (await resident.client.request('GET', '/api/plugins/notifications/inbox')).body.items;
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ official: true, subject: '住民税決定通知', body: '令和8年度の住民税額は…' });

    // Proof of issue and of first opening; the notice itself can never change.
    const proof = async () =>
      (await staff.request('GET', `/api/plugins/notifications/notices/${first.body.notice.id}`)).body;
    expect(await proof()).toMatchObject({
      contentHash: first.body.notice.contentHash,
      firstOpenedAt: null,
      issuer: 'tax-system',
    });
    await resident.client.request('POST', `/api/plugins/notifications/inbox/${inbox[0].id}/read`);
    const opened = (await proof()).firstOpenedAt;
    expect(opened).toEqual(expect.any(String));
    await resident.client.request('POST', `/api/plugins/notifications/inbox/${inbox[0].id}/read`);
    expect((await proof()).firstOpenedAt).toBe(opened);
    await expect(
      sql().query(`update notice set body = 'changed' where id = $1`, [first.body.notice.id]),
    ).rejects.toThrow(/cannot be changed/);
    await expect(sql().query('delete from notice where id = $1', [first.body.notice.id])).rejects.toThrow(
      /cannot be deleted/,
    );
    realtime.close();
  });

  it('escalates an unread notice to the fallback channel, then to the paper work list; opt-outs do not stop it', async () => {
    const resident = await residentWithProfile(host, { name: '通知 二', ward: '北区' });
    await callAction(resident.client, 'setContact', { channel: 'email', address: 'tsuchi2@example.jp' });
    await callAction(resident.client, 'setPreference', { category: 'tax', channel: 'email', enabled: false });
    const issued = await callAction(staff, 'issueNotice', {
      recipient: resident.id,
      category: 'tax',
      title: '固定資産税の通知',
      body: '納税通知書です。',
    });
    expect(issued.status).toBe(200);
    const id = issued.body.id;
    // Eight days pass: only a test moves an issued notice's times, with the immutability trigger off.
    const shift = (column: string) =>
      sql().query(`
        alter table notice disable trigger notice_immutable;
        update notice set ${column} = ${column} - interval '8 days' where id = '${id}';
        alter table notice enable trigger notice_immutable;`);

    await drainJobs(host, new Date(Date.now() + 61 * 60_000));
    expect(providers.smtp.received).toHaveLength(0);

    await shift('issued_at');
    await drainJobs(host, new Date(Date.now() + 122 * 60_000));
    const mail = providers.smtp.received.find((received) => received.subject === '固定資産税の通知');
    expect(mail?.text).toContain('納税通知書です。');
    expect(mail?.headerLines.some((line) => line.key === 'list-unsubscribe')).toBe(false);

    await shift('escalated_at');
    await drainJobs(host, new Date(Date.now() + 183 * 60_000));
    const list = await staff.request('GET', '/api/plugins/notifications/paper-work-list');
    expect(list.body.items.map((item: { id: string }) => item.id)).toEqual([id]);
    expect((await staff.request('POST', `/api/plugins/notifications/paper-work-list/${id}/done`)).status).toBe(200);
    expect((await staff.request('GET', '/api/plugins/notifications/paper-work-list')).body.items).toEqual([]);
    expect((await resident.client.request('GET', '/api/plugins/notifications/paper-work-list')).status).toBe(403);
  });
});
