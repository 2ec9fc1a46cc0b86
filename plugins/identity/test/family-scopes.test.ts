import type { TestHost, TestHostClient } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { APPLICATIONS, act, INBOX, idOf, link, notice, ON_BEHALF_OF, startFamilyHost } from './family-support.ts';
import { databaseKinds } from './support.ts';

interface InboxEntry {
  id: string;
  body: string;
  readAt: string | null;
  familyMember?: { id: string; displayName: string | null };
}

interface AuditItem {
  principalId: string;
  action: string;
  entity: string | null;
  recordIds: string[];
  detail: Record<string, unknown>;
}

describe.each(databaseKinds())('what family-link scopes share on %s', (kind) => {
  let host: TestHost;
  let officer: TestHostClient;
  let people = 0;
  const resident = async (displayName: string) => {
    people += 1;
    const client = await host.signInAs('resident', `scopes-${people}`, ['applicant']);
    await client.request('PUT', '/api/profile', { body: { displayName } });
    return client;
  };
  const inbox = async (client: TestHostClient) => (await client.request('GET', INBOX)).body.items as InboxEntry[];
  const auditOf = async (client: TestHostClient): Promise<AuditItem[]> =>
    (await host.request('GET', `/api/audit?principalId=${idOf(client)}&limit=50`, { as: 'admin' })).body.items;

  beforeAll(async () => {
    host = await startFamilyHost(kind);
    officer = await host.signInAs('staff', 'scopes-dv-officer', ['identity-dv-officer']);
  }, 240_000);
  afterAll(() => host?.close());

  it('shows each side the other’s notices, marked as theirs, until either side revokes the link', async () => {
    const mother = await resident('母');
    const son = await resident('息子');
    const neighbour = await resident('隣人');
    await notice(host, idOf(son), '健診のお知らせ');
    await notice(host, idOf(mother), '住民税のお知らせ');
    await notice(host, idOf(neighbour), '隣人へのお知らせ');
    // A link without `notices` shares none.
    await link(neighbour, mother, ['profile']);
    expect((await inbox(mother)).map((entry) => entry.body)).toEqual(['住民税のお知らせ']);

    const linkId = await link(mother, son, ['notices']);
    const mothers = await inbox(mother);
    expect(mothers.map((entry) => [entry.body, entry.familyMember ?? null])).toEqual([
      ['住民税のお知らせ', null],
      ['健診のお知らせ', { id: idOf(son), displayName: '息子' }],
    ]);
    expect((await inbox(son)).map((entry) => [entry.body, entry.familyMember?.displayName ?? null])).toEqual([
      ['住民税のお知らせ', '母'],
      ['健診のお知らせ', null],
    ]);
    // Only the recipient opens a notice: the mother's reading is no proof that the son received it.
    const sons = mothers.find((entry) => entry.familyMember) as InboxEntry;
    expect((await mother.request('POST', `${INBOX}/${sons.id}/read`)).status).toBe(404);
    expect((await inbox(son)).find((entry) => entry.id === sons.id)?.readAt).toBeNull();
    const read = (await auditOf(mother)).find((entry) => entry.action === 'notifications.familyInbox.read');
    expect(read?.detail).toMatchObject({ familyMembers: [idOf(son)], notices: 1 });

    expect((await act(son, 'familyRevoke', { linkId })).status).toBe(200);
    expect((await inbox(mother)).map((entry) => entry.body)).toEqual(['住民税のお知らせ']);
    expect((await inbox(son)).map((entry) => entry.body)).toEqual(['健診のお知らせ']);
  });

  it('lets a parent submit and read applications for the child, audited as acting for them', async () => {
    const parent = await resident('親');
    const child = await resident('子');
    const stranger = await resident('他人');
    await child.request('POST', APPLICATIONS, { body: { nursery: 'ひまわり保育園' } });
    await parent.request('POST', APPLICATIONS, { body: { nursery: '親の申込' } });
    const forChild = { headers: { [ON_BEHALF_OF]: idOf(child) } };
    const before = await parent.request('POST', APPLICATIONS, { body: { nursery: 'さくら保育園' }, ...forChild });
    expect(before.status).toBe(403);

    const linkId = await link(parent, child, ['applications']);
    const submitted = await parent.request('POST', APPLICATIONS, { body: { nursery: 'さくら保育園' }, ...forChild });
    expect(submitted.status).toBe(201);
    expect(submitted.body.owner).toBe(idOf(child));
    const listed = await parent.request('GET', APPLICATIONS, forChild);
    expect((listed.body.items as { nursery: string }[]).map((item) => item.nursery).sort()).toEqual([
      'さくら保育園',
      'ひまわり保育園',
    ]);
    expect(((await child.request('GET', APPLICATIONS)).body.items as unknown[]).length).toBe(2);
    expect(
      (await parent.request('POST', '/api/actions/identity.familyPeople', { body: { scope: 'applications' } })).body,
    ).toEqual({ people: [{ id: idOf(child), displayName: '子' }] });
    const trail = await auditOf(parent);
    expect(
      trail.find((entry) => entry.action === 'create' && entry.recordIds[0] === submitted.body.id)?.detail,
    ).toEqual({ onBehalfOf: idOf(child), delegation: 'identity' });
    expect(trail.find((entry) => entry.action === 'read' && entry.entity === 'ChildcareApplication')?.detail).toEqual({
      onBehalfOf: idOf(child),
      delegation: 'identity',
    });

    // The scope goes one way (the inviter acts for the invitee), and only for the linked pair.
    const reverse = await child.request('GET', APPLICATIONS, { headers: { [ON_BEHALF_OF]: idOf(parent) } });
    expect(reverse.status).toBe(403);
    expect((await stranger.request('GET', APPLICATIONS, forChild)).status).toBe(403);
    // Revoked: refused at once, and nothing written.
    expect((await act(child, 'familyRevoke', { linkId })).status).toBe(200);
    const after = await parent.request('POST', APPLICATIONS, { body: { nursery: 'x' }, ...forChild });
    expect(after.status).toBe(403);
    expect(after.body).toEqual(reverse.body);
    expect(((await child.request('GET', APPLICATIONS)).body.items as unknown[]).length).toBe(2);
  });

  it('shares the listed profile fields both ways, never a protected person’s address, from the moment it is set', async () => {
    const a = await resident('甲');
    const b = await resident('乙');
    await a.request('PUT', '/api/profile', {
      body: {
        displayName: '甲',
        email: 'a@example.jp',
        phone: '011-111-1111',
        address: '北区1-1',
        postalCode: '0010001',
      },
    });
    await b.request('PUT', '/api/profile', { body: { displayName: '乙', email: 'b@example.jp', address: '南区2-2' } });
    const refused = await act(a, 'familyInvite', {
      username: b.username,
      scopes: ['notices'],
      profileFields: ['email'],
    });
    expect(refused.status).toBe(422);
    expect(refused.body.errors[0].pointer).toBe('/profileFields');
    await notice(host, idOf(a), '甲へのお知らせ');
    await link(a, b, ['profile', 'notices', 'applications'], ['phone', 'address', 'postalCode']);
    const otherOf = async (client: TestHostClient) =>
      (
        (await client.request('GET', '/api/plugins/identity/family/links')).body.items as {
          other: { address?: string };
        }[]
      )[0].other;
    expect(await otherOf(b)).toEqual({
      id: idOf(a),
      displayName: '甲',
      phone: '011-111-1111',
      address: '北区1-1',
      postalCode: '0010001',
    });
    expect(await otherOf(a)).toEqual({
      id: idOf(b),
      displayName: '乙',
      phone: null,
      address: '南区2-2',
      postalCode: null,
    });
    expect((await inbox(b)).some((entry) => entry.familyMember?.id === idOf(a))).toBe(true);

    expect((await act(officer, 'setProtection', { principalId: idOf(a), protected: true })).status).toBe(200);
    expect(await otherOf(b)).toEqual({ id: idOf(a), displayName: '甲', phone: '011-111-1111' });
    // The protected person's notices and applications are no longer reachable through the link either.
    expect((await inbox(b)).some((entry) => entry.familyMember?.id === idOf(a))).toBe(false);
    // What the protected person sees of the other is unchanged.
    expect((await otherOf(a)).address).toBe('南区2-2');
    expect((await act(officer, 'setProtection', { principalId: idOf(a), protected: false })).status).toBe(200);
    expect((await otherOf(b)).address).toBe('北区1-1');
  });
});
