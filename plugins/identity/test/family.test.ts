import type { TestHostClient } from '@kiban/sdk/testing';
import { createTestHost, type TestHost } from '@kiban/sdk/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import identity from '../src/index.ts';
import { databaseKinds } from './support.ts';

const act = (client: TestHostClient, name: string, body: unknown) =>
  client.request('POST', `/api/actions/identity.${name}`, { body });

/** What an inviter can observe, with ids and times replaced by their order of appearance. */
function normalise(value: unknown): unknown {
  const seen = new Map<string, string>();
  return JSON.parse(
    JSON.stringify(value).replace(
      /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d{4}-\d{2}-\d{2}T[\d:.]+Z/g,
      (match) => {
        if (!seen.has(match)) seen.set(match, `#${seen.size}`);
        return seen.get(match) as string;
      },
    ),
  );
}

describe.each(databaseKinds())('family links and DV protection on %s', (kind) => {
  let host: TestHost;
  let officer: TestHostClient;
  let people = 0;
  const resident = () => {
    people += 1;
    return host.signInAs('resident', `family-${people}`, []);
  };
  const idOf = (client: TestHostClient) => (client.actor as { id: string }).id;

  beforeAll(async () => {
    host = await createTestHost({ plugins: [identity], kind });
    officer = await host.signInAs('staff', 'dv-officer', ['identity-dv-officer']);
  }, 240_000);
  afterAll(() => host?.close());

  it('links two residents who both consent, shares the address by scope, and either side can end it', async () => {
    const parent = await resident();
    const child = await resident();
    await child.request('PUT', '/api/profile', { body: { displayName: '山田 次郎', address: '北区2-2' } });
    const sent = await act(parent, 'familyInvite', { username: child.username, scopes: ['notices', 'profile'] });
    expect(sent.status).toBe(200);
    const received = await child.request('GET', '/api/plugins/identity/family/invitations');
    expect(received.body.received).toEqual([expect.objectContaining({ id: sent.body.id, from: idOf(parent) })]);
    expect((await act(parent, 'familyAnswer', { invitationId: sent.body.id, accept: true })).status).toBe(404);
    expect((await act(child, 'familyAnswer', { invitationId: sent.body.id, accept: true })).status).toBe(200);
    const seenByParent = await parent.request('GET', '/api/plugins/identity/family/links');
    expect(seenByParent.body.items).toEqual([
      expect.objectContaining({
        other: { id: idOf(child), displayName: '山田 次郎', address: '北区2-2', postalCode: null },
      }),
    ]);
    const [link] = seenByParent.body.items as { id: string }[];
    expect((await act(child, 'familyRevoke', { linkId: link.id })).status).toBe(200);
    expect((await parent.request('GET', '/api/plugins/identity/family/links')).body.items).toEqual([]);
    expect((await act(parent, 'familyRevoke', { linkId: link.id })).status).toBe(404);
  });

  it('stops sharing a protected person’s address over existing links, and only the officer may protect', async () => {
    const a = await resident();
    const b = await resident();
    await a.request('PUT', '/api/profile', { body: { address: '南区3-3' } });
    const sent = await act(b, 'familyInvite', { username: a.username, scopes: ['profile'] });
    await act(a, 'familyAnswer', { invitationId: sent.body.id, accept: true });
    expect((await act(b, 'setProtection', { principalId: idOf(a), protected: true })).status).toBe(403);
    expect((await act(officer, 'setProtection', { principalId: idOf(a), protected: true })).status).toBe(200);
    const [link] = (await b.request('GET', '/api/plugins/identity/family/links')).body.items as { other: object }[];
    expect(link.other).not.toHaveProperty('address');
    const audit = await host.request('GET', `/api/audit?principalId=${idOf(officer)}`, { as: 'admin' });
    expect((audit.body.items as { action: string }[]).map((entry) => entry.action)).toContain(
      'identity.protection.set',
    );
  });

  it('refuses a bad invitation and changes nothing', async () => {
    const a = await resident();
    const before = await a.request('GET', '/api/plugins/identity/family/invitations');
    expect((await act(a, 'familyInvite', { username: 'x', scopes: ['everything'] })).status).toBe(422);
    expect((await act(a, 'familyInvite', { username: '', scopes: ['notices'] })).status).toBe(422);
    expect((await a.request('GET', '/api/plugins/identity/family/invitations')).body).toEqual(before.body);
  });

  it('makes a protected resident indistinguishable from nobody, whatever an inviter tries (property)', async () => {
    const protectedPerson = await resident();
    expect((await act(officer, 'setProtection', { principalId: idOf(protectedPerson), protected: true })).status).toBe(
      200,
    );
    const operation = fc.oneof(
      fc.record({
        op: fc.constant('invite'),
        scopes: fc.subarray(['notices', 'applications', 'profile'], { minLength: 1 }),
      }),
      fc.record({ op: fc.constant('list') }),
      fc.record({ op: fc.constant('links') }),
      fc.record({ op: fc.constant('cancel'), index: fc.nat(5) }),
      fc.record({ op: fc.constant('answer'), index: fc.nat(5), accept: fc.boolean() }),
    );
    let ghosts = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 6 }), async (operations) => {
        ghosts += 1;
        const nobody = `nobody-${ghosts}-${Date.now()}`;
        const trace = async (target: string) => {
          const inviter = await resident();
          const observed: unknown[] = [];
          const sent: string[] = [];
          for (const step of operations) {
            if (step.op === 'invite') {
              const response = await act(inviter, 'familyInvite', { username: target, scopes: step.scopes });
              if (response.body?.id) sent.push(response.body.id);
              observed.push([response.status, response.body]);
            } else if (step.op === 'list') {
              const response = await inviter.request('GET', '/api/plugins/identity/family/invitations');
              observed.push([response.status, response.body]);
            } else if (step.op === 'links') {
              const response = await inviter.request('GET', '/api/plugins/identity/family/links');
              observed.push([response.status, response.body]);
            } else {
              const invitationId = sent[step.index] ?? '00000000-0000-0000-0000-000000000000';
              const response =
                step.op === 'cancel'
                  ? await act(inviter, 'familyCancel', { invitationId })
                  : await act(inviter, 'familyAnswer', { invitationId, accept: step.accept });
              observed.push([response.status, response.body]);
            }
          }
          return normalise(observed);
        };
        expect(await trace(protectedPerson.username)).toEqual(await trace(nobody));
        // Nothing reached the protected person.
        const theirs = await protectedPerson.request('GET', '/api/plugins/identity/family/invitations');
        expect(theirs.body.received).toEqual([]);
      }),
      { numRuns: 8 },
    );
  }, 300_000);
});
