import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import notifications from '../src/index.ts';
import {
  callAction,
  databaseKinds,
  residentWithProfile,
  signInResident,
  signInStaff,
  startHost,
  type TestHost,
  type TestHostClient,
} from './support.ts';

/** The panel notifications contributes under resident profiles (the CRM's resident 360), and the route it reads. */
describe.each(databaseKinds())("notifications' panel under resident profiles on %s", (kind) => {
  let host: TestHost;
  let staff: TestHostClient;
  let hanako: Awaited<ReturnType<typeof residentWithProfile>>;

  const reads = async (resident: string) => {
    const trail = await host.request('GET', `/api/audit?recordId=${resident}&limit=100`, { as: 'admin' });
    return (trail.body.items as Array<{ action: string; principalId: string }>).filter(
      (entry) => entry.action === 'notifications.residentInbox.read',
    );
  };
  const issue = (recipient: string, title: string) =>
    callAction(staff, 'issueNotice', { recipient, category: 'tax', title, body: `${title}の本文です。` });

  beforeAll(async () => {
    host = await startHost(kind);
    staff = await signInStaff(host);
    hanako = await residentWithProfile(host, { name: '通知 花子', ward: '北区' });
    const taro = await residentWithProfile(host, { name: '通知 太郎', ward: '北区' });
    expect((await issue(hanako.id, '住民税決定通知')).status).toBe(200);
    await callAction(hanako.client, 'setContact', { channel: 'email', address: 'hanako@example.jp' });
    await callAction(hanako.client, 'setOfficialChannel', { channel: 'email' });
    expect((await issue(hanako.id, '固定資産税の通知')).status).toBe(200);
    expect((await issue(taro.id, '太郎さんへの通知')).status).toBe(200);
    const inbox = (await hanako.client.request('GET', '/api/plugins/notifications/inbox')).body.items;
    await hanako.client.request('POST', `/api/plugins/notifications/inbox/${inbox[1].id}/read`);
  });
  afterAll(() => host?.close());

  it('contributes a record panel on ResidentProfile drawn by an element its module defines', async () => {
    expect(notifications.ui?.recordPanels).toEqual([
      expect.objectContaining({ tag: 'notifications-resident-panel', entities: ['ResidentProfile'] }),
    ]);
    const module = await host.request('GET', '/ui/plugins/notifications/index.js', { as: staff });
    expect(String(module.body)).toContain("customElements.define('notifications-resident-panel'");
  });

  it("shows notifications staff the resident's notices only, newest first with their deliveries, and audits the read", async () => {
    const answer = await staff.request('GET', `/api/plugins/notifications/residents/${hanako.id}/inbox`);
    expect(answer.status).toBe(200);
    expect(answer.body.items).toEqual([
      expect.objectContaining({
        official: true,
        subject: '固定資産税の通知',
        readAt: null,
        deliveries: [expect.objectContaining({ channel: 'email', status: 'created' })],
      }),
      expect.objectContaining({ subject: '住民税決定通知', readAt: expect.any(String), deliveries: [] }),
    ]);
    expect(JSON.stringify(answer.body)).not.toContain('hanako@example.jp');
    const trail = await reads(hanako.id);
    expect(trail).toEqual([
      expect.objectContaining({ principalId: staff.actor.kind === 'principal' ? staff.actor.id : '' }),
    ]);
  });

  it('refuses staff without the notifications role, residents and a malformed id, reading nothing', async () => {
    const desk = await host.signInAs('staff', 'other-desk', []);
    const refused = await desk.request('GET', `/api/plugins/notifications/residents/${hanako.id}/inbox`);
    expect(refused.status).toBe(403);
    expect(refused.body.code).toBe('notifications.staffOnly');
    const resident = await signInResident(host);
    expect((await resident.request('GET', `/api/plugins/notifications/residents/${hanako.id}/inbox`)).status).toBe(403);
    const bad = await staff.request('GET', '/api/plugins/notifications/residents/not-an-id/inbox');
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('notifications.badResident');
    expect(await reads(hanako.id)).toHaveLength(1);
  });
});
