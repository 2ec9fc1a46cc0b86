import type { TestHost, TestHostClient } from '@kiban/sdk/testing';
import { createTestHost } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import identity from '../../identity/src/index.ts';
import { deriveKeys, pairwiseSubject } from '../../identity/src/secrets.ts';
import { createCrmPlugin } from '../src/index.ts';
import {
  createCase,
  createProfile,
  databaseKinds,
  drain,
  Receiver,
  registerSystem,
  SYSTEM,
  signIn,
  TestClock,
} from './support.ts';

const IDENTITY_SECRET = 'an-identity-secret-for-the-crm-tests-0123456789';
const CLIENT = 'kids-app-service';

/**
 * Webhook consent through the identity plugin: a resident's attributes leave for a connected
 * system only while their consent to that system's service at identity stands, keyed by the
 * service's pairwise subject, never by the principal id.
 */
describe.each(databaseKinds())('webhook consent through the identity plugin on %s', (kind) => {
  let host: TestHost;
  const clock = new TestClock();
  let admin: TestHostClient;
  let hook: Receiver;

  async function resident(name: string): Promise<{ client: TestHostClient; id: string }> {
    const client = await signIn(host, 'resident', ['crm-resident']);
    const id = client.actor.kind === 'principal' ? client.actor.id : '';
    const updated = await client.request('PUT', '/api/profile', {
      body: { displayName: name, displayNameKana: 'サッポロ ハナコ', email: 'hanako@example.jp' },
    });
    expect(updated.status).toBe(200);
    await createProfile(host.data(SYSTEM), id);
    await host.settled();
    return { client, id };
  }

  function grant(principal: string, granted: string[]) {
    return host
      .context('identity')
      .sql.query(
        'insert into consent (principal_id, client_id, granted, refused) values ($1, $2, $3::text[], $4::text[])',
        [principal, CLIENT, granted, ['email']],
      );
  }

  const bodies = () => hook.received.map((message) => JSON.parse(message.body));

  beforeAll(async () => {
    host = await createTestHost({ plugins: [identity, createCrmPlugin({ clock: clock.now })], kind });
    const set = await host.setSettings('identity', { publicOrigin: 'http://127.0.0.1:4000', secret: IDENTITY_SECRET });
    expect(set.status).toBeLessThan(300);
    admin = await signIn(host, 'staff', ['crm-integration-admin']);
    hook = await new Receiver().start();
    await registerSystem(host, admin, {
      code: 'kids-app',
      endpoint: hook.url,
      events: ['Case.*'],
      attributes: ['fullName', 'ward'],
      identityClient: CLIENT,
    });
  });
  afterAll(async () => {
    await hook?.stop();
    await host?.close();
  });

  it('sends nothing about a resident without a consent at identity', async () => {
    const silent = await resident('札幌 次郎');
    await createCase(host.data(SYSTEM), { resident: silent.id });
    await drain(host, clock);
    expect(hook.requests).toHaveLength(0);
  });

  it('keys a consenting resident by the service’s pseudonymous id, with the granted attributes only', async () => {
    const person = await resident('札幌 花子');
    await grant(person.id, ['name']);
    const created = await createCase(host.data(SYSTEM), { resident: person.id });
    await drain(host, clock);

    const [payload] = bodies();
    expect(payload.data.recordId).toBe(created.id);
    const expected = pairwiseSubject(deriveKeys(IDENTITY_SECRET).pairwise, CLIENT, person.id);
    expect(payload.data.resident).toEqual({ id: expected, name: '札幌 花子', name_kana: 'サッポロ ハナコ' });
    for (const message of hook.requests) expect(message.body).not.toContain(person.id);
  });

  it('stops the next delivery’s attributes once the resident revokes at identity', async () => {
    const person = await resident('札幌 三郎');
    await grant(person.id, ['name', 'email']);
    await createCase(host.data(SYSTEM), { resident: person.id, subject: '同意あり' });
    await drain(host, clock);
    const subject = pairwiseSubject(deriveKeys(IDENTITY_SECRET).pairwise, CLIENT, person.id);
    const aboutThem = () => bodies().filter((payload) => payload.data.resident?.id === subject);
    expect(aboutThem().map((payload) => payload.data.resident.email)).toEqual(['hanako@example.jp']);
    const before = hook.requests.length;

    const revoked = await person.client.request('DELETE', `/api/plugins/identity/consents/${CLIENT}`);
    expect(revoked.status).toBeLessThan(300);
    await createCase(host.data(SYSTEM), { resident: person.id, subject: '撤回後' });
    await drain(host, clock);
    expect(hook.requests).toHaveLength(before);
    expect(aboutThem()).toHaveLength(1);
    for (const message of hook.requests) expect(message.body).not.toContain(person.id);
  });

  it('refuses the CRM’s own consent action: identity’s consent screen decides', async () => {
    const person = await resident('札幌 四郎');
    const answer = await person.client.request('POST', '/api/actions/crm.setConsent', {
      body: { system: 'kids-app', granted: true },
    });
    expect(answer.status).toBe(409);
    expect(answer.body.errors?.[0]?.code ?? answer.body.code).toContain('consent.managedByIdentity');
  });
});
