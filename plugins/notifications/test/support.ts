import { fileURLToPath } from 'node:url';
import type { Actor, DataApi, RecordData } from '@kiban/sdk';
import { createTestHost, type TestHost, type TestHostClient } from '@kiban/sdk/testing';
import notifications from '../src/index.ts';

/** Test helpers: a host with this plugin and a resident-owned profile entity to target. */

export type { TestHost, TestHostClient };
export type DatabaseKind = 'pglite' | 'postgres';
export const SYSTEM: Actor = { kind: 'system' };
export const APP = fileURLToPath(new URL('./app', import.meta.url));

export function databaseKinds(): DatabaseKind[] {
  return process.env.KIBAN_TEST_DATABASE_URL ? ['pglite', 'postgres'] : ['pglite'];
}

export function startHost(kind: DatabaseKind): Promise<TestHost> {
  return createTestHost({ plugins: [notifications], packages: [APP], kind });
}

let principals = 0;

export function signInResident(host: TestHost): Promise<TestHostClient> {
  principals += 1;
  return host.signInAs('resident', `resident-${principals}`, ['notifications-resident']);
}

export function signInStaff(host: TestHost): Promise<TestHostClient> {
  principals += 1;
  return host.signInAs('staff', `staff-${principals}`, ['notifications-staff']);
}

/** The resident allows their profile to be reused for them (the portal profile's consent). */
export async function consentToReuse(client: TestHostClient, consent = true): Promise<void> {
  const saved = await client.request('PUT', '/api/profile', { body: { consentToReuse: consent } });
  if (saved.status !== 200) throw new Error(`profile not saved: ${saved.status}`);
}

/** A resident with a profile record they own, who consented to its reuse unless told otherwise. */
export async function residentWithProfile(host: TestHost, fields: RecordData, options = { consent: true }) {
  const client = await signInResident(host);
  if (options.consent) await consentToReuse(client);
  const profile = await host
    .data(SYSTEM)
    .create('ResidentProfile', { ...fields, owner: client.actor.kind === 'principal' ? client.actor.id : null });
  return { client, id: (client.actor as Extract<Actor, { kind: 'principal' }>).id, profile };
}

export const CHILD_CHECKUP = {
  inbox: {
    ja: { subject: '3歳児健診のお知らせ', body: '{{name}} 様 {{deadline|wareki}}までに受診してください。' },
    en: { subject: 'Check-up at 3', body: 'Dear {{name}}, please attend by {{deadline|date}}.' },
  },
  email: { ja: { subject: '3歳児健診のお知らせ', body: '{{name}} 様 {{deadline|wareki}}までに受診してください。' } },
  line: { ja: { body: '{{name}} 様 3歳児健診のお知らせです。' } },
  sms: { ja: { body: '{{name}} 様 3歳児健診のお知らせ' } },
};

export async function createCampaign(
  data: DataApi,
  fields: {
    segment: unknown;
    channels?: string[];
    trigger?: string;
    content?: unknown;
    values?: RecordData;
    category?: string;
  },
) {
  const template = await data.create('NotificationTemplate', {
    name: `template-${Math.random().toString(36).slice(2)}`,
    category: fields.category ?? 'health',
    content: fields.content ?? CHILD_CHECKUP,
  });
  return data.create('NotificationCampaign', {
    title: '3歳児健診',
    template: template.id,
    entity: 'ResidentProfile',
    segment: fields.segment,
    values: fields.values ?? { deadline: '2027-01-31' },
    channels: fields.channels ?? [],
    trigger: fields.trigger ?? 'manual',
  });
}

export function callAction(client: TestHostClient, name: string, input: unknown) {
  return client.request('POST', `/api/actions/notifications.${name}`, { body: input });
}
