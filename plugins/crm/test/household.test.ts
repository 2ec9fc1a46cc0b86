import { createTestHost, type TestHost, type TestHostClient } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import identity from '../../identity/src/index.ts';
import { createCrmPlugin } from '../src/index.ts';
import { createProfile, databaseKinds, SYSTEM, signIn, signInStaffOf, startCrm } from './support.ts';

const act = (client: TestHostClient, name: string, body: unknown) =>
  client.request('POST', `/api/actions/identity.${name}`, { body });

/**
 * The 360's household panel: the family links two residents agreed to at the identity plugin,
 * read by case staff under their policies and audited; nobody else, no one under protection.
 */
describe.each(databaseKinds())('a resident’s household on %s', (kind) => {
  let host: TestHost;
  let clerk: TestHostClient;
  let parent: TestHostClient;
  let child: TestHostClient;
  let sheltered: TestHostClient;
  const household = (as: TestHostClient, person: TestHostClient) =>
    as.request('GET', `/api/plugins/crm/residents/${idOf(person)}/household`);

  async function link(from: TestHostClient, to: TestHostClient, scopes: string[]) {
    const sent = await act(from, 'familyInvite', { username: to.username, scopes });
    expect(sent.status).toBe(200);
    expect((await act(to, 'familyAnswer', { invitationId: sent.body.id, accept: true })).status).toBe(200);
  }

  beforeAll(async () => {
    host = await createTestHost({ plugins: [identity, createCrmPlugin()], kind });
    clerk = await signInStaffOf(host, '市民課', ['crm-staff']);
    parent = await signIn(host, 'resident', ['crm-resident']);
    child = await signIn(host, 'resident', ['crm-resident']);
    sheltered = await signIn(host, 'resident', ['crm-resident']);
    await createProfile(host.data(SYSTEM), idOf(parent), { fullName: '札幌 一郎' });
    await createProfile(host.data(SYSTEM), idOf(child), { fullName: '札幌 二郎', birthDate: '2012-05-05' });
    await createProfile(host.data(SYSTEM), idOf(sheltered), { fullName: '札幌 三子' });
    await link(parent, child, ['notices', 'profile']);
    await link(parent, sheltered, ['notices']);
  });
  afterAll(async () => host?.close());

  it('lists the linked members with their profiles as the clerk may read them, and audits the read', async () => {
    const answer = await household(clerk, parent);
    expect(answer.status).toBe(200);
    expect(answer.body.status).toBe('read');
    expect(answer.body.members.map((member: { profile: { fullName: string } }) => member.profile.fullName)).toEqual([
      '札幌 二郎',
      '札幌 三子',
    ]);
    expect(answer.body.members[0].scopes).toEqual(['notices', 'profile']);
    const trail = await host.request('GET', '/api/audit?limit=1000', { as: 'admin' });
    const reads = (trail.body.items as Array<{ action: string }>).filter(
      (item) => item.action === 'crm.household.read',
    );
    expect(reads.length).toBeGreaterThan(0);
  });

  it('leaves out a member under DV/stalking protection, and a link either side ended', async () => {
    const officer = await signIn(host, 'staff', ['identity-dv-officer']);
    const set = await act(officer, 'setProtection', { principalId: idOf(sheltered), protected: true });
    expect(set.status).toBe(200);
    const links = await child.request('GET', '/api/plugins/identity/family/links');
    const [childLink] = links.body.items as { id: string }[];
    expect((await act(child, 'familyRevoke', { linkId: childLink?.id })).status).toBe(200);
    const answer = await household(clerk, parent);
    expect(answer.body).toEqual({ status: 'read', members: [], hidden: 0 });
  });

  it('refuses anyone but case staff, and an unknown resident, reading nothing', async () => {
    expect((await household(parent, child)).status).toBe(403);
    const other = await signIn(host, 'staff', ['crm-integration-admin']);
    expect((await household(other, parent)).status).toBe(403);
    expect((await clerk.request('GET', '/api/plugins/crm/residents/nobody/household')).status).toBe(404);
  });
});

describe('a household without the identity plugin', () => {
  it('says it is unavailable', async () => {
    const { host } = await startCrm('pglite');
    try {
      const clerk = await signInStaffOf(host, '市民課', ['crm-staff']);
      const person = await signIn(host, 'resident', ['crm-resident']);
      await createProfile(host.data(SYSTEM), idOf(person));
      const answer = await clerk.request('GET', `/api/plugins/crm/residents/${idOf(person)}/household`);
      expect(answer.body).toEqual({ status: 'unavailable', members: [], hidden: 0 });
    } finally {
      await host.close();
    }
  });
});

function idOf(client: TestHostClient): string {
  return (client.actor as { id: string }).id;
}
