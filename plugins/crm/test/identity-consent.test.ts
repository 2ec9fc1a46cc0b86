import { createTestHost, type TestHost, type TestHostClient } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import identity from '../../identity/src/index.ts';
import { createCrmPlugin } from '../src/index.ts';
import { createProfile, databaseKinds, SYSTEM, setCrmSettings, signIn, signInStaffOf } from './support.ts';

const CRM_CLIENT = 'crm-resident-360';

/**
 * The 360's attributes from the identity plugin: released only as far as the resident consented
 * to the CRM as a service, refused (nothing read) without consent or after a withdrawal.
 */
describe.each(databaseKinds())('attributes pulled with consent on %s', (kind) => {
  let host: TestHost;
  let clerk: TestHostClient;
  let consenting: string;
  let refusing: string;

  async function resident(name: string): Promise<string> {
    const person = await signIn(host, 'resident', ['crm-resident']);
    const updated = await person.request('PUT', '/api/profile', {
      body: {
        displayName: name,
        displayNameKana: 'サッポロ ハナコ',
        email: 'hanako@example.jp',
        address: '札幌市中央区北1条西2丁目',
      },
    });
    expect(updated.status).toBe(200);
    const id = person.actor.kind === 'principal' ? person.actor.id : '';
    await createProfile(host.data(SYSTEM), id);
    return id;
  }

  function consent(principal: string, granted: string[]) {
    return host
      .context('identity')
      .sql.query(
        'insert into consent (principal_id, client_id, granted, refused) values ($1, $2, $3::text[], $4::text[])',
        [principal, CRM_CLIENT, granted, ['email']],
      );
  }

  const open = (principal: string) => clerk.request('GET', `/api/plugins/crm/residents/${principal}?reason=counter`);

  beforeAll(async () => {
    host = await createTestHost({ plugins: [identity, createCrmPlugin()], kind });
    await setCrmSettings(host, { identityClientId: CRM_CLIENT });
    clerk = await signInStaffOf(host, '環境局', ['crm-staff']);
    consenting = await resident('札幌 花子');
    refusing = await resident('札幌 次郎');
    await consent(consenting, ['name', 'address']);
    await host.settled();
  });
  afterAll(async () => host?.close());

  it('shows only the attributes the resident granted, and the release is audited', async () => {
    const answer = await open(consenting);
    expect(answer.status).toBe(200);
    expect(answer.body.attributes).toEqual({
      status: 'released',
      attributes: ['name', 'address'],
      claims: {
        name: '札幌 花子',
        name_kana: 'サッポロ ハナコ',
        address: { formatted: '札幌市中央区北1条西2丁目', country: 'JP' },
      },
    });
    const trail = await host.request('GET', '/api/audit?limit=1000', { as: 'admin' });
    const releases = (trail.body.items as Array<{ action: string; detail: Record<string, unknown> }>).filter((item) =>
      item.action.endsWith('attributesReleased'),
    );
    expect(releases.length).toBeGreaterThan(0);
  });

  it('refuses without consent, and after a withdrawal, reading nothing', async () => {
    expect((await open(refusing)).body.attributes).toEqual({ status: 'notConsented' });
    await host
      .context('identity')
      .sql.query('update consent set revoked_at = now() where principal_id = $1 and client_id = $2', [
        consenting,
        CRM_CLIENT,
      ]);
    expect((await open(consenting)).body.attributes).toEqual({ status: 'notConsented' });
  });

  it('refuses a person calling the release directly: only the city’s own services may', async () => {
    const answer = await clerk.request('POST', '/api/actions/identity.releaseAttributes', {
      body: { resident: refusing, client: CRM_CLIENT },
    });
    expect(answer.status).toBe(403);
  });
});
