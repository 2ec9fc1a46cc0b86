import type { TestHost, TestHostClient } from '@kiban/sdk/testing';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCase,
  createProfile,
  databaseKinds,
  drain,
  Receiver,
  registerSystem,
  SIGNING_SECRET,
  SYSTEM,
  setCrmSettings,
  signIn,
  startCrm,
  type TestClock,
} from './support.ts';

describe.each(databaseKinds())('outbound webhooks on %s', (kind) => {
  let host: TestHost;
  let clock: TestClock;
  let admin: TestHostClient;
  const receivers: Receiver[] = [];

  beforeAll(async () => {
    ({ host, clock } = await startCrm(kind));
    admin = await signIn(host, 'staff', ['crm-integration-admin']);
  });
  afterAll(async () => {
    for (const receiver of receivers) await receiver.stop();
    await host?.close();
  });

  async function receiver(): Promise<Receiver> {
    const started = await new Receiver().start();
    receivers.push(started);
    return started;
  }

  /** Deliveries queued for these residents (with this status), from the plugin's own table. */
  async function queued(residents: string[], status?: string): Promise<number> {
    const { rows } = await host
      .context('crm')
      .sql.query<{ n: number }>(
        'select count(*)::int as n from webhook_delivery where order_key = any($1) and ($2::text is null or status = $2)',
        [residents, status ?? null],
      );
    return rows[0]?.n ?? -1;
  }

  const timestampOf = (message: { body: string }): string => JSON.parse(message.body).timestamp;

  async function consentingResident(code: string, granted: boolean) {
    const resident = await signIn(host, 'resident', ['crm-resident']);
    const id = resident.actor.kind === 'principal' ? resident.actor.id : '';
    await createProfile(host.data(SYSTEM), id);
    // Consent is checked when an event is handled: let the profile's own event pass before it is given.
    await host.settled();
    const answer = await resident.request('POST', '/api/actions/crm.setConsent', { body: { system: code, granted } });
    expect(answer.status).toBe(200);
    return id;
  }

  it('signs a delivery in the Standard Webhooks format with the consented attributes only', async () => {
    const hook = await receiver();
    await registerSystem(host, admin, {
      code: 'kids-app',
      endpoint: hook.url,
      events: ['Case.*'],
      attributes: ['fullName', 'ward'],
    });
    const resident = await consentingResident('kids-app', true);
    const created = await createCase(host.data(SYSTEM), { resident });
    await drain(host, clock);

    expect(hook.received).toHaveLength(1);
    const [message] = hook.received;
    const headers = {
      'webhook-id': String(message?.headers['webhook-id']),
      'webhook-timestamp': String(message?.headers['webhook-timestamp']),
      'webhook-signature': String(message?.headers['webhook-signature']),
    };
    const payload = new Webhook(SIGNING_SECRET).verify(message?.body ?? '', headers) as {
      type: string;
      data: Record<string, unknown>;
    };
    expect(payload.type).toBe('Case.created');
    expect(payload.data).toMatchObject({ entity: 'Case', recordId: created.id });
    expect(payload.data.resident).toEqual({ id: resident, fullName: '札幌 花子', ward: '中央区' });
    const log = await admin.request('GET', '/api/plugins/crm/systems/kids-app/deliveries');
    expect(log.body.items).toHaveLength(1);
    expect(log.body.items[0]).toMatchObject({
      id: headers['webhook-id'],
      status: 'delivered',
      attempts: 1,
      lastStatus: 204,
    });
    expect(log.body.items[0].payload).toBeUndefined();
  });

  it('sends nothing about a resident who refused, never answered, or withdrew consent', async () => {
    const hook = await receiver();
    await registerSystem(host, admin, {
      code: 'water',
      endpoint: hook.url,
      events: ['Case.*', 'ResidentProfile.*'],
      attributes: ['phone'],
    });
    const refused = await consentingResident('water', false);
    const silent = await signIn(host, 'resident', ['crm-resident']);
    const neverAsked = silent.actor.kind === 'principal' ? silent.actor.id : '';
    await createProfile(host.data(SYSTEM), neverAsked);
    const withdrawing = await signIn(host, 'resident', ['crm-resident']);
    const withdrawn = withdrawing.actor.kind === 'principal' ? withdrawing.actor.id : '';
    await createProfile(host.data(SYSTEM), withdrawn);
    // Consent counts when an event is handled: the new profile's event must not meet the brief grant.
    await host.settled();
    for (const granted of [true, false]) {
      const answer = await withdrawing.request('POST', '/api/actions/crm.setConsent', {
        body: { system: 'water', granted },
      });
      expect(answer.status).toBe(200);
    }
    for (const resident of [refused, neverAsked, withdrawn]) await createCase(host.data(SYSTEM), { resident });
    const [profile] = await host.data(SYSTEM).list('ResidentProfile', { filter: { principal: { eq: refused } } });
    await host.data(SYSTEM).update('ResidentProfile', String(profile?.id), { ward: '北区' });
    await drain(host, clock);
    expect(hook.received).toHaveLength(0);
    expect(await queued([refused, neverAsked, withdrawn])).toBe(0);

    const granting = await consentingResident('water', true);
    await createCase(host.data(SYSTEM), { resident: granting });
    await drain(host, clock);
    expect(hook.received.map((message) => JSON.parse(message.body).data.resident)).toEqual([
      { id: granting, phone: '011-211-2111' },
    ]);
  });

  it('delivers, in order per resident and once each, everything queued while the receiver was down for an hour', async () => {
    const hook = await receiver();
    const port = hook.port;
    await registerSystem(host, admin, { code: 'cms', endpoint: hook.url, events: ['Case.*'], attributes: [] });
    const residents = [await consentingResident('cms', true), await consentingResident('cms', true)];
    await hook.stop();
    const subjects: string[] = [];
    for (let round = 0; round < 3; round += 1) {
      for (const resident of residents) {
        const subject = `連絡 ${round} ${resident.slice(0, 8)}`;
        subjects.push(subject);
        const created = await createCase(host.data(SYSTEM), { resident, subject });
        await host.data(SYSTEM).update('Case', String(created.id), { body: `更新 ${round}` });
      }
      await drain(host, clock);
      clock.advance(20 * 60_000);
    }
    expect(await queued(residents, 'pending')).toBe(12);

    await hook.start(port);
    clock.advance(2 * 60 * 60_000);
    await drain(host, clock);

    const ids = hook.received.map((message) => String(message.headers['webhook-id']));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toHaveLength(12);
    for (const resident of residents) {
      const times = hook.received
        .map((message) => JSON.parse(message.body))
        .filter((payload) => payload.data.resident?.id === resident)
        .map((payload) => payload.timestamp);
      expect(times).toHaveLength(6);
      expect([...times].sort()).toEqual(times);
    }
    // Nothing more arrives later: each went once.
    clock.advance(24 * 60 * 60_000);
    await drain(host, clock);
    expect(hook.received).toHaveLength(12);
  });

  it('retries only what a receiver refused in a batch, keeping that resident’s order; the rest goes once', async () => {
    const hook = await receiver();
    await registerSystem(host, admin, { code: 'partial', endpoint: hook.url, events: ['Case.created'] });
    const residents = [];
    for (let i = 0; i < 4; i += 1) residents.push(await consentingResident('partial', true));
    const refused = residents[1];
    let refusals = 0;
    // The refused resident's first delivery fails once; everything else is accepted.
    hook.status = (message) => {
      if (JSON.parse(message.body).data.resident?.id !== refused || refusals > 0) return 204;
      refusals += 1;
      return 503;
    };
    for (let round = 0; round < 3; round += 1) {
      for (const resident of residents) await createCase(host.data(SYSTEM), { resident, subject: `件 ${round}` });
    }
    await drain(host, clock);

    const residentOf = (message: { body: string }) => JSON.parse(message.body).data.resident?.id;
    const others = residents.filter((resident) => resident !== refused);
    expect(hook.received.filter((message) => residentOf(message) === refused)).toHaveLength(0);
    expect(hook.received.filter((message) => others.includes(residentOf(message)))).toHaveLength(9);
    // One attempt at the refused resident: its next two wait behind the retry.
    expect(hook.requests.filter((message) => residentOf(message) === refused)).toHaveLength(1);
    expect(await queued([String(refused)], 'pending')).toBe(3);

    clock.advance(60_000);
    await drain(host, clock);
    const ids = hook.requests.map((message) => String(message.headers['webhook-id']));
    const failedId = String(hook.requests.find((message) => residentOf(message) === refused)?.headers['webhook-id']);
    // Every delivery arrived once; the only repeat is the refused one, under the same id.
    expect(hook.received).toHaveLength(12);
    expect(new Set(hook.received.map((message) => message.headers['webhook-id'])).size).toBe(12);
    expect(ids.filter((id) => id === failedId)).toHaveLength(2);
    expect(ids).toHaveLength(13);
    const refusedTimes = hook.received.filter((message) => residentOf(message) === refused).map(timestampOf);
    expect(refusedTimes).toHaveLength(3);
    expect([...refusedTimes].sort()).toEqual(refusedTimes);
    const log = await admin.request('GET', '/api/plugins/crm/systems/partial/deliveries?limit=50');
    const attempts = log.body.items.map((item: { id: string; status: string; attempts: number }) => [
      item.status,
      item.id === failedId ? item.attempts - 1 : item.attempts,
    ]);
    expect(attempts).toEqual(Array.from({ length: 12 }, () => ['delivered', 1]));
  });

  it('dead-letters a delivery after the last attempt, and an admin can retry it', async () => {
    const hook = await receiver();
    hook.status = () => 500;
    await setCrmSettings(host, { maxAttempts: 3 });
    await registerSystem(host, admin, { code: 'failing', endpoint: hook.url, events: ['Case.created'] });
    const resident = await consentingResident('failing', true);
    await createCase(host.data(SYSTEM), { resident });
    for (let attempt = 0; attempt < 4; attempt += 1) {
      await drain(host, clock);
      clock.advance(60 * 60_000);
    }
    const deadLetters = await admin.request('GET', '/api/plugins/crm/systems/failing/deliveries?status=dead');
    const [dead] = deadLetters.body.items;
    expect(dead).toMatchObject({ status: 'dead', attempts: 3, lastStatus: 500, lastError: 'HTTP 500' });

    hook.status = () => 200;
    const retry = await admin.request('POST', '/api/actions/crm.retryDelivery', { body: { deliveryId: dead?.id } });
    expect(retry.status).toBe(200);
    await drain(host, clock);
    expect(hook.received).toHaveLength(1);
    await setCrmSettings(host, { maxAttempts: 12 });
  });

  it('disables a system whose receiver answers 410 and alerts the administrators', async () => {
    const hook = await receiver();
    hook.status = () => 410;
    await registerSystem(host, admin, { code: 'retired', endpoint: hook.url, events: ['Case.created'] });
    const resident = await consentingResident('retired', true);
    const socket = await host.realtime(admin);
    await socket.join('crm.integration-alerts', 'admins');
    await createCase(host.data(SYSTEM), { resident });
    await createCase(host.data(SYSTEM), { resident });
    await drain(host, clock);
    const [system] = await host.data(SYSTEM).list('IntegrationSystem', { filter: { code: { eq: 'retired' } } });
    expect(system).toMatchObject({ status: 'disabled' });
    const log = await admin.request('GET', '/api/plugins/crm/systems/retired/deliveries');
    expect(log.body.items.map((d: { status: string }) => d.status).reverse()).toEqual(['gone', 'pending']);
    const alert = await socket.waitForMessage((message) => message.event === 'system.disabled');
    expect(alert.payload).toMatchObject({ code: 'retired' });
  });

  it('refuses a registration with an unknown attribute and changes nothing', async () => {
    const before = await host.data(SYSTEM).count('IntegrationSystem');
    const answer = await admin.request('POST', '/api/actions/crm.registerSystem', {
      body: { code: 'bad', name: 'bad', attributes: ['myNumber'] },
    });
    expect(answer.status).toBe(422);
    expect(await host.data(SYSTEM).count('IntegrationSystem')).toBe(before);
  });
});
