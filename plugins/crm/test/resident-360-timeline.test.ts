import { definePlugin } from '@kiban/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestEngine,
  TEST_ADMIN_PASSWORD,
  type TestClient,
  type TestEngine,
} from '../../../engine/src/testing/index.ts';
import { createContactCenterPlugin } from '../../contact-center/src/index.ts';
import notifications from '../../notifications/src/index.ts';
import reservations from '../../reservations/src/index.ts';
import { createCrmPlugin } from '../src/index.ts';

const SYSTEM = { kind: 'system' } as const;
const EVERY_DAY = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [['00:00', '24:00']]]),
);
const PLUGIN_SOURCES = [
  'reservations.resident-reservations',
  'notifications.resident-notices',
  'contact-center.resident-chats',
];

/** A plugin whose timeline always fails: the others' entries must still show. */
const brokenTimeline = definePlugin({
  name: 'broken-timeline',
  version: '0.1.0',
  timelines: [
    {
      name: 'always-fails',
      label: { ja: '壊れた経過', en: 'Broken history' },
      entities: ['ResidentProfile'],
      read: async () => {
        throw new Error('the source is down');
      },
    },
  ],
});

interface Opened {
  timeline: Array<{ id: string; at: string; kind: string; source: string; title: string; state: string | null }>;
  timelineSources: Array<{ plugin: string; name: string; status: string; entries: number }>;
}

/**
 * The resident 360's timeline with the entries reservations, notifications and the contact
 * centre contribute through the SDK (`timelines`): read as the member of staff who opens the
 * profile, each read audited by its plugin, refused sources named and left out.
 */
describe('the resident 360 timeline with the entries of reservations, notifications and the contact centre', () => {
  let engine: TestEngine;
  let clerk: TestClient;
  let desk: TestClient;
  let admin: TestClient;
  let hanakoId: string;

  beforeAll(async () => {
    engine = await startTestEngine(
      'pglite',
      [],
      {},
      { plugins: [createCrmPlugin(), reservations, notifications, createContactCenterPlugin(), brokenTimeline] },
    );
    clerk = await engine.principal('staff', 'clerk', [
      'crm-staff',
      'reservations-staff',
      'notifications-staff',
      'contact-center-supervisor',
    ]);
    desk = await engine.principal('staff', 'desk', ['crm-staff']);
    admin = await engine.signIn('admin', TEST_ADMIN_PASSWORD);
    const hanako = await engine.principal('resident', 'hanako', [
      'crm-resident',
      'reservations-resident',
      'notifications-resident',
      'contact-center-resident',
    ]);
    hanakoId = (await hanako.request('GET', '/api/auth/me')).body.principal.id;
    await engine.engine.plugins.context('crm').data(SYSTEM).create('ResidentProfile', {
      principal: hanakoId,
      fullName: '札幌 花子',
      fullNameKana: 'サッポロ ハナコ',
      birthDate: '1980-04-01',
    });
    const places = engine.engine.plugins.context('reservations').data(SYSTEM);
    const gym = await places.create('Facility', { name: '北区体育館', ward: '北区', openingHours: EVERY_DAY });
    const slot = await places.create('Slot', {
      facility: gym.id,
      date: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
      startTime: '10:00',
      endTime: '12:00',
      capacity: 10,
    });
    const booked = await hanako.request('POST', '/api/actions/reservations.book', {
      body: { slotId: slot.id, contactName: '札幌 花子', partySize: 2 },
    });
    expect(booked.status).toBe(200);
    const notice = await clerk.request('POST', '/api/actions/notifications.issueNotice', {
      body: { recipient: hanakoId, category: 'tax', title: '住民税決定通知', body: '令和8年度の住民税額は…' },
    });
    expect(notice.status).toBe(200);
    const chat = await hanako.request('POST', '/api/actions/contact-center.start', { body: {} });
    expect(chat.status).toBe(200);
    const sent = await hanako.request('POST', '/api/actions/contact-center.send', {
      body: { conversationId: chat.body.id, clientId: 'timeline-1', body: '粗大ごみの出し方を教えてください' },
    });
    expect(sent.status).toBe(200);
    await engine.engine.plugins.settled();
  }, 120_000);

  afterAll(async () => engine?.close());

  async function open(client: TestClient): Promise<Opened> {
    const opened = await client.request('GET', `/api/plugins/crm/residents/${hanakoId}?reason=phone`);
    expect(opened.status).toBe(200);
    return opened.body;
  }

  async function auditedReads(principal: string): Promise<string[]> {
    const trail = await admin.request('GET', `/api/audit?principalId=${principal}&limit=1000`);
    expect(trail.status).toBe(200);
    return (trail.body.items as Array<{ action: string }>).map((item) => item.action);
  }

  it('shows staff with the roles each plugin’s entries among the CRM’s, each read audited as them', async () => {
    const before = await auditedReads((await clerk.request('GET', '/api/auth/me')).body.principal.id);
    const opened = await open(clerk);
    const bySource = (source: string) => opened.timeline.filter((entry) => entry.source === source);
    expect(bySource('reservations.resident-reservations')).toEqual([
      expect.objectContaining({
        kind: 'reservation',
        title: expect.stringContaining('北区体育館 '),
        state: '予約済み',
      }),
    ]);
    expect(bySource('notifications.resident-notices')).toEqual([
      expect.objectContaining({ kind: 'notice', title: '住民税決定通知', state: '未読' }),
    ]);
    expect(bySource('contact-center.resident-chats')).toEqual([
      expect.objectContaining({ kind: 'chat', title: 'チャット: 粗大ごみの出し方を教えてください' }),
    ]);
    const ats = opened.timeline.map((entry) => Date.parse(entry.at));
    expect(ats).toEqual([...ats].sort((a, b) => b - a));
    expect(opened.timelineSources).toEqual(
      expect.arrayContaining([
        ...PLUGIN_SOURCES.map((source) => {
          const [plugin, name] = source.split('.');
          return expect.objectContaining({ plugin, name, status: 'read', entries: 1 });
        }),
        expect.objectContaining({ plugin: 'broken-timeline', status: 'failed', entries: 0 }),
      ]),
    );
    const after = await auditedReads((await clerk.request('GET', '/api/auth/me')).body.principal.id);
    for (const action of [
      'reservations.residentReservations.read',
      'notifications.residentInbox.read',
      'contact-center.residentConversations.read',
    ]) {
      expect(after.filter((item) => item === action).length).toBe(before.filter((item) => item === action).length + 1);
    }
  });

  it('leaves out, and names, the sources that refuse staff without their roles', async () => {
    const opened = await open(desk);
    expect(opened.timeline.filter((entry) => PLUGIN_SOURCES.includes(entry.source))).toEqual([]);
    expect(opened.timelineSources.filter((source) => source.plugin !== 'broken-timeline')).toEqual(
      PLUGIN_SOURCES.map((source) => {
        const [plugin, name] = source.split('.');
        return expect.objectContaining({ plugin, name, status: 'forbidden', entries: 0 });
      }),
    );
  });
});
