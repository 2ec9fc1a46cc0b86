import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SoftwareAuthenticator } from './software-authenticator.ts';
import { databaseKinds, startProvider, type TestHost, type TestHostClient } from './support.ts';

const OPTIONS = '/api/public/identity/passkey/options';
const SIGN_IN = '/api/public/identity/passkey/sign-in';

describe.each(databaseKinds())('passkeys and the list of sign-in methods on %s', (kind) => {
  let host: TestHost;
  let origin: string;

  beforeAll(async () => {
    ({ host, origin } = await startProvider(kind));
  }, 240_000);
  afterAll(() => host?.close());

  async function addPasskey(resident: TestHostClient, authenticator: SoftwareAuthenticator, label = 'スマートフォン') {
    const started = await resident.request('POST', '/api/actions/identity.passkeyRegistrationOptions', { body: {} });
    expect(started.status).toBe(200);
    const response = authenticator.register(started.body.options);
    return resident.request('POST', '/api/actions/identity.registerPasskey', {
      body: { challengeId: started.body.challengeId, response, label },
    });
  }

  async function options() {
    const started = await host.request('POST', OPTIONS, { body: {} });
    expect(started.status).toBe(200);
    return started.body as { challengeId: string; options: { challenge: string; rpId?: string } };
  }

  const me = async (response: { headers: Headers }) => {
    const cookie = response.headers.get('set-cookie')?.split(';')[0] ?? '';
    return (await host.request('GET', '/api/auth/me', { headers: { cookie } })).body.principal as {
      id: string;
      signIn: unknown;
    };
  };

  it('registers a passkey and signs in with it at the substantial level; a replayed assertion or counter is refused', async () => {
    const resident = await host.signInAs('resident', 'pk-mirai', []);
    const authenticator = new SoftwareAuthenticator(origin);
    const added = await addPasskey(resident, authenticator);
    expect(added.status).toBe(200);

    const first = await options();
    expect(first.options.rpId).toBe('127.0.0.1');
    const assertion = authenticator.assert(first.options as never);
    const signedIn = await host.request('POST', SIGN_IN, {
      body: { challengeId: first.challengeId, response: assertion },
    });
    expect(signedIn.body).toEqual({ signedIn: true, method: 'passkey', assurance: 'substantial' });
    expect(await me(signedIn)).toMatchObject({
      id: (resident.actor as { id: string }).id,
      signIn: { method: 'passkey', assurance: 'substantial' },
    });

    // The challenge is used once.
    const replayed = await host.request('POST', SIGN_IN, {
      body: { challengeId: first.challengeId, response: assertion },
    });
    expect([replayed.status, replayed.body.code]).toEqual([400, 'identity.challengeUnknown']);
    // A signature counter that did not move on (a cloned authenticator) is refused.
    const second = await options();
    const cloned = await host.request('POST', SIGN_IN, {
      body: { challengeId: second.challengeId, response: authenticator.replayCounter(second.options as never) },
    });
    expect([cloned.status, cloned.body.code]).toEqual([401, 'identity.signInFailed']);
    expect(cloned.headers.get('set-cookie')).toBeNull();
    // An assertion for another site (RP id) is refused.
    const third = await options();
    const elsewhere = authenticator.assert(third.options as never, undefined, 'evil.example');
    const refused = await host.request('POST', SIGN_IN, {
      body: { challengeId: third.challengeId, response: elsewhere },
    });
    expect(refused.status).toBe(401);
  });

  it('refuses a registration for a challenge of someone else, bad shapes, and an unknown credential', async () => {
    const mine = await host.signInAs('resident', 'pk-owner', []);
    const other = await host.signInAs('resident', 'pk-other', []);
    const started = await mine.request('POST', '/api/actions/identity.passkeyRegistrationOptions', { body: {} });
    const response = new SoftwareAuthenticator(origin).register(started.body.options);
    const stolen = await other.request('POST', '/api/actions/identity.registerPasskey', {
      body: { challengeId: started.body.challengeId, response, label: 'x' },
    });
    expect([stolen.status, stolen.body.code]).toEqual([400, 'identity.challengeUnknown']);
    const badShape = await mine.request('POST', '/api/actions/identity.registerPasskey', {
      body: { challengeId: started.body.challengeId, response: { id: 'x' }, label: 'x' },
    });
    expect(badShape.status).toBe(422);
    const stored = await host
      .context()
      .sql.query('select 1 from passkey_credential where principal_id = any($1::text[])', [
        [(mine.actor as { id: string }).id, (other.actor as { id: string }).id],
      ]);
    expect(stored.rows).toHaveLength(0);

    const challenge = await options();
    const stranger = new SoftwareAuthenticator(origin);
    stranger.register({ ...started.body.options, challenge: 'unused' });
    const unknown = await host.request('POST', SIGN_IN, {
      body: { challengeId: challenge.challengeId, response: stranger.assert(challenge.options as never) },
    });
    expect([unknown.status, unknown.body.code]).toEqual([401, 'identity.signInFailed']);
    const malformed = await host.request('POST', SIGN_IN, { body: { challengeId: 'x', response: 'nope' } });
    expect([malformed.status, malformed.body.code]).toEqual([422, 'identity.invalidInput']);
  });

  it('lists a resident’s methods, removes one (audited) but never the last', async () => {
    const resident = await host.signInAs('resident', 'pk-methods', []);
    const id = (resident.actor as { id: string }).id;
    expect((await addPasskey(resident, new SoftwareAuthenticator(origin), '鍵A')).status).toBe(200);
    expect((await addPasskey(resident, new SoftwareAuthenticator(origin), '鍵B')).status).toBe(200);
    const listed = await resident.request('GET', '/api/plugins/identity/methods');
    const items = listed.body.items as { id: string; kind: string; label: string }[];
    expect(items.map((item) => [item.kind, item.label])).toEqual([
      ['passkey', '鍵A'],
      ['passkey', '鍵B'],
    ]);

    const remove = (methodId: string) =>
      resident.request('POST', '/api/actions/identity.removeSignInMethod', { body: { methodId } });
    expect((await remove(items[0].id)).status).toBe(200);
    const last = await remove(items[1].id);
    expect([last.status, last.body.code]).toEqual([409, 'identity.lastMethod']);
    expect((await remove('passkey:unknown')).status).toBe(404);
    expect((await resident.request('GET', '/api/plugins/identity/methods')).body.items).toHaveLength(1);

    const audit = await host.request('GET', `/api/audit?recordId=${id}`, { as: 'admin' });
    const actions = (audit.body.items as { action: string }[]).map((entry) => entry.action);
    expect(actions.filter((action) => action === 'identity.method.linked')).toHaveLength(2);
    expect(actions.filter((action) => action === 'identity.method.removed')).toHaveLength(1);
  });
});
