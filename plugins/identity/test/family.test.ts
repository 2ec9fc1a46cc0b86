import type { TestHost, TestHostClient } from '@kiban/sdk/testing';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  APPLICATIONS,
  act,
  INBOX,
  idOf,
  link,
  normalise,
  notice,
  ON_BEHALF_OF,
  startFamilyHost,
} from './family-support.ts';
import { databaseKinds } from './support.ts';

describe.each(databaseKinds())('family links and DV protection on %s', (kind) => {
  let host: TestHost;
  let officer: TestHostClient;
  let people = 0;
  const resident = () => {
    people += 1;
    return host.signInAs('resident', `family-${people}`, ['applicant']);
  };

  beforeAll(async () => {
    host = await startFamilyHost(kind);
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
    // Someone with something to leak: a notice, an application, a profile, and a link made before protection.
    const protectedPerson = await resident();
    const relative = await resident();
    await protectedPerson.request('PUT', '/api/profile', {
      body: { displayName: '保護 花子', address: '秘密区1-1', phone: '090-0000-0000' },
    });
    await notice(host, idOf(protectedPerson), '保護された人へのお知らせ');
    await protectedPerson.request('POST', APPLICATIONS, { body: { nursery: 'ひみつ保育園', address: '秘密区1-1' } });
    await link(relative, protectedPerson, ['notices', 'applications', 'profile'], ['address', 'phone']);
    expect((await act(officer, 'setProtection', { principalId: idOf(protectedPerson), protected: true })).status).toBe(
      200,
    );
    const scopes = fc.subarray(['notices', 'applications', 'profile'], { minLength: 1 });
    const fields = fc.option(fc.subarray(['displayNameKana', 'email', 'phone', 'postalCode', 'address']), {
      nil: undefined,
    });
    const operation = fc.oneof(
      fc.record({ op: fc.constant('invite'), scopes, fields }),
      fc.record({ op: fc.constant('list') }),
      fc.record({ op: fc.constant('links') }),
      fc.record({ op: fc.constant('cancel'), index: fc.nat(5) }),
      fc.record({ op: fc.constant('answer'), index: fc.nat(5), accept: fc.boolean() }),
      fc.record({ op: fc.constant('revoke'), index: fc.nat(5) }),
      fc.record({ op: fc.constant('people'), scope: fc.constantFrom('notices', 'applications') }),
      fc.record({ op: fc.constant('inbox') }),
      fc.record({ op: fc.constant('actFor'), write: fc.boolean() }),
      fc.record({ op: fc.constant('language'), language: fc.constantFrom('ja', 'en') }),
    );
    let ghosts = 0;
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 8 }), async (operations) => {
        ghosts += 1;
        const nobody = { username: `nobody-${ghosts}-${Date.now()}`, id: crypto.randomUUID() };
        // The inviter may even know the person's id (a shared document, an old link): it must not help.
        const trace = async (target: { username: string; id: string }) => {
          const inviter = await resident();
          const observed: unknown[] = [];
          const sent: string[] = [];
          let language = 'ja';
          const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
            inviter.request(method, path, { body, headers: { 'accept-language': language, ...headers } });
          for (const step of operations) {
            let response: { status: number; body: unknown };
            if (step.op === 'language') {
              language = step.language;
              continue;
            } else if (step.op === 'invite') {
              response = await send('POST', '/api/actions/identity.familyInvite', {
                username: target.username,
                scopes: step.scopes,
                ...(step.fields ? { profileFields: step.fields } : {}),
              });
              const id = (response.body as { id?: string } | null)?.id;
              if (id) sent.push(id);
            } else if (step.op === 'list') {
              response = await send('GET', '/api/plugins/identity/family/invitations');
            } else if (step.op === 'links') {
              response = await send('GET', '/api/plugins/identity/family/links');
            } else if (step.op === 'people') {
              response = await send('POST', '/api/actions/identity.familyPeople', { scope: step.scope });
            } else if (step.op === 'inbox') {
              response = await send('GET', INBOX);
            } else if (step.op === 'actFor') {
              response = step.write
                ? await send('POST', APPLICATIONS, { nursery: 'x' }, { [ON_BEHALF_OF]: target.id })
                : await send('GET', APPLICATIONS, undefined, { [ON_BEHALF_OF]: target.id });
            } else {
              const id = sent[step.index] ?? '00000000-0000-0000-0000-000000000000';
              response =
                step.op === 'cancel'
                  ? await send('POST', '/api/actions/identity.familyCancel', { invitationId: id })
                  : step.op === 'revoke'
                    ? await send('POST', '/api/actions/identity.familyRevoke', { linkId: id })
                    : await send('POST', '/api/actions/identity.familyAnswer', {
                        invitationId: id,
                        accept: step.accept,
                      });
            }
            observed.push([step.op, response.status, response.body]);
          }
          return normalise(observed);
        };
        const seenForProtected = await trace({ username: protectedPerson.username, id: idOf(protectedPerson) });
        expect(seenForProtected).toEqual(await trace(nobody));
        expect(JSON.stringify(seenForProtected)).not.toMatch(/秘密区|保護|ひみつ|090-0000-0000/);
        // Nothing reached the protected person.
        const theirs = await protectedPerson.request('GET', '/api/plugins/identity/family/invitations');
        expect(theirs.body.received).toEqual([]);
      }),
      { numRuns: 8 },
    );
    // And the relative linked before protection sees no notice, application or address of theirs.
    const [relativeLink] = (await relative.request('GET', '/api/plugins/identity/family/links')).body.items;
    expect(relativeLink.other).toEqual({ id: idOf(protectedPerson), displayName: '保護 花子', phone: '090-0000-0000' });
    expect(JSON.stringify((await relative.request('GET', INBOX)).body)).not.toContain('保護された人');
    const asRelative = await relative.request('GET', APPLICATIONS, {
      headers: { [ON_BEHALF_OF]: idOf(protectedPerson) },
    });
    expect(asRelative.status).toBe(403);
    const asStranger = await relative.request('GET', APPLICATIONS, {
      headers: { [ON_BEHALF_OF]: crypto.randomUUID() },
    });
    expect(asRelative.body).toEqual(asStranger.body);
    expect(
      (await relative.request('POST', '/api/actions/identity.familyPeople', { body: { scope: 'notices' } })).body,
    ).toEqual({ people: [] });
  }, 600_000);
});
