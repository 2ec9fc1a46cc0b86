import { definePlugin } from '@kiban/sdk';
import { createTestHost, type TestHost } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandboxUpstream } from '../sandbox/upstream-server.ts';
import identity from '../src/index.ts';
import { Browser } from './browser.ts';
import { databaseKinds, SECRET } from './support.ts';

/** A service with one sensitive action that needs public authentication (step-up). */
const taxCertificates = definePlugin({
  name: 'tax-certificates',
  version: '1.0.0',
  actions: [
    {
      name: 'issue',
      label: { ja: '課税証明書の発行', en: 'Issue a tax certificate' },
      input: { type: 'object', additionalProperties: false, properties: {} },
      assurance: 'jpki',
      handler: async (_input, ctx) => ({ issuedTo: ctx.actor.kind === 'principal' ? ctx.actor.id : null }),
    },
  ],
});

const UPSTREAMS = {
  'digital-auth-app': {
    assurance: 'jpki',
    principalKind: 'resident',
    scopes: ['openid', 'name', 'address', 'birthdate', 'gender'],
  },
  line: { assurance: 'low', principalKind: 'resident', scopes: ['openid', 'profile'] },
  entra: { assurance: 'substantial', principalKind: 'staff', scopes: ['openid', 'profile', 'groups'] },
} as const;

describe.each(databaseKinds())('sign-in through an upstream OpenID Provider (the sandbox) on %s', (kind) => {
  let host: TestHost;
  let origin: string;
  let upstream: { issuer: string; close(): Promise<void> };

  beforeAll(async () => {
    host = await createTestHost({ plugins: [identity, taxCertificates], kind });
    ({ origin } = await host.listen());
    upstream = await startSandboxUpstream({
      clients: Object.keys(UPSTREAMS).map((id) => ({
        client_id: `kiban-${id}`,
        client_secret: `secret-of-${id}`,
        redirect_uris: [`${origin}/api/public/identity/upstream/${id}/callback`],
      })),
      people: [
        {
          sub: 'jpki-0001',
          claims: { name: '佐藤 一郎', address: { formatted: '北区1-1' }, birthdate: '1980-04-01', gender: 'male' },
        },
        { sub: 'line-u123', claims: { name: 'ichiro' } },
        { sub: 'line-u777', claims: { name: 'hanako' } },
        { sub: 'line-u555', claims: { name: 'jiro' } },
        { sub: 'staff-42', claims: { name: '鈴木 職員', groups: ['g-welfare', 'g-unknown'] } },
        { sub: 'staff-43', claims: { name: '田中 職員', groups: [] } },
      ],
    });
    const set = await host.setSettings('identity', {
      publicOrigin: origin,
      secret: SECRET,
      upstreams: Object.entries(UPSTREAMS).map(([id, each]) => ({
        id,
        label: { ja: id },
        issuer: upstream.issuer,
        clientId: `kiban-${id}`,
        scopes: [...each.scopes],
        assurance: each.assurance,
        principalKind: each.principalKind,
        ...(id === 'entra'
          ? { groupRoles: { 'g-welfare': 'identity-admin' }, groupDepartments: { 'g-welfare': '福祉課' } }
          : {}),
      })),
      upstreamSecrets: Object.fromEntries(Object.keys(UPSTREAMS).map((id) => [id, `secret-of-${id}`])),
    });
    expect(set.status).toBeLessThan(300);
  }, 240_000);
  afterAll(async () => {
    await upstream?.close();
    await host?.close();
  });

  /**
   * Start → the sandbox's sign-in page → choose `person` → back at Kiban → `/mypage`; answers the
   * browser. With `linkFrom` (a session cookie) the upstream is added to that signed-in account.
   */
  async function signInVia(id: string, person: string, linkFrom?: string) {
    const browser = new Browser(linkFrom, (url) => url.origin === origin && url.pathname === '/mypage');
    // Kiban → the sandbox's authorization endpoint → its sign-in page.
    const leg = linkFrom ? 'link' : 'start';
    const page = await browser.open(`${origin}/api/public/identity/upstream/${id}/${leg}?return=/mypage`);
    expect(await page.response?.text()).toContain('サンドボックス');
    const signInPage = new URL(String(page.response?.url));
    signInPage.searchParams.set('person', person);
    const back = await browser.open(signInPage);
    expect(back.callback?.pathname).toBe('/mypage');
    const cookie = browser.cookie(origin, 'kiban_session');
    expect(cookie).toBeDefined();
    return { browser, cookie: String(cookie) };
  }

  async function me(cookie: string) {
    const response = await fetch(`${origin}/api/auth/me`, { headers: { cookie } });
    return (await response.json()) as {
      principal: { id: string; kind: string; roles: string[]; department: string | null; signIn: unknown };
    };
  }

  it('signs a resident in through デジタル認証アプリ (sandbox) at the jpki level, the same principal each time', async () => {
    const first = await me((await signInVia('digital-auth-app', 'jpki-0001')).cookie);
    expect(first.principal).toMatchObject({
      kind: 'resident',
      signIn: { method: 'digital-auth-app', assurance: 'jpki' },
    });
    const again = await me((await signInVia('digital-auth-app', 'jpki-0001')).cookie);
    expect(again.principal.id).toBe(first.principal.id);
  });

  it('lets a sensitive action run only for a jpki session (step-up)', async () => {
    const jpki = (await signInVia('digital-auth-app', 'jpki-0001')).cookie;
    const social = (await signInVia('line', 'line-u123')).cookie;
    expect((await me(social)).principal.signIn).toMatchObject({ method: 'line', assurance: 'low' });
    const call = (cookie: string) =>
      fetch(`${origin}/api/actions/tax-certificates.issue`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
        body: '{}',
      });
    expect((await call(jpki)).status).toBe(200);
    const refused = await call(social);
    expect(refused.status).toBe(403);
    expect(((await refused.json()) as { code: string }).code).toBe('auth.stepUpRequired');
    const password = await host.signInAs('resident', 'password-person', []);
    expect((await call(password.cookie)).status).toBe(403);
  });

  it('maps a staff member’s directory groups to roles and a department at every sign-in (Entra ID, sandbox)', async () => {
    const staff = await me((await signInVia('entra', 'staff-42')).cookie);
    expect(staff.principal).toMatchObject({
      kind: 'staff',
      roles: ['identity-admin'],
      department: '福祉課',
      signIn: { method: 'entra', assurance: 'substantial' },
    });
    const noGroups = await me((await signInVia('entra', 'staff-43')).cookie);
    expect(noGroups.principal.roles).toEqual([]);
  });

  it('refuses a replayed or tampered callback and an unknown upstream, opening no session', async () => {
    const browser = new Browser(undefined, (url) => url.origin === origin && url.pathname.endsWith('/callback'));
    const page = await browser.open(`${origin}/api/public/identity/upstream/line/start`);
    const signInPage = new URL(String(page.response?.url));
    signInPage.searchParams.set('person', 'line-u123');
    const callback = (await browser.open(signInPage)).callback as URL;
    const tampered = new URL(callback);
    tampered.searchParams.set('state', 'forged');
    const forged = await fetch(tampered, { redirect: 'manual' });
    expect(forged.status).toBe(400);
    expect(((await forged.json()) as { code: string }).code).toBe('identity.upstreamStateUnknown');
    expect((await fetch(callback, { redirect: 'manual' })).status).toBe(303);
    const replayed = await fetch(callback, { redirect: 'manual' });
    expect(replayed.status).toBe(400);
    expect(replayed.headers.get('set-cookie')).toBeNull();
    expect((await fetch(`${origin}/api/public/identity/upstream/nowhere/start`, { redirect: 'manual' })).status).toBe(
      404,
    );
  });

  it('links an upstream to a signed-in resident’s account, never one linked to someone else, audited', async () => {
    const resident = await host.signInAs('resident', 'linking-person', []);
    const id = (resident.actor as { id: string }).id;
    const password = await resident.request('POST', '/api/actions/identity.setPassword', {
      body: { password: 'ひまわり畑の夕暮れ 7' },
    });
    expect(password.status).toBe(200);
    const linked = await me((await signInVia('line', 'line-u777', resident.cookie)).cookie);
    expect(linked.principal).toMatchObject({ id, signIn: { method: 'line', assurance: 'low' } });
    // Signing in with LINE alone now opens the same account.
    expect((await me((await signInVia('line', 'line-u777')).cookie)).principal.id).toBe(id);
    const methods = await resident.request('GET', '/api/plugins/identity/methods');
    expect((methods.body.items as { id: string }[]).map((method) => method.id).sort()).toEqual([
      'password',
      'upstream:line',
    ]);

    // line-u123 signed in before on its own: it belongs to that account and is not moved.
    const browser = new Browser(resident.cookie, (url) => url.origin === origin && url.pathname === '/mypage');
    const page = await browser.open(`${origin}/api/public/identity/upstream/line/link?return=/mypage`);
    const signInPage = new URL(String(page.response?.url));
    signInPage.searchParams.set('person', 'line-u123');
    const refused = await browser.open(signInPage);
    expect(refused.response?.status).toBe(409);
    expect(((await refused.response?.json()) as { code?: string } | undefined)?.code).toBe(
      'identity.methodLinkedElsewhere',
    );
    expect((await resident.request('GET', '/api/plugins/identity/methods')).body.items).toHaveLength(2);

    const anonymous = await fetch(`${origin}/api/public/identity/upstream/line/link`, { redirect: 'manual' });
    expect(anonymous.status).toBe(401);
    const audit = await host.request('GET', `/api/audit?recordId=${id}`, { as: 'admin' });
    const entries = (audit.body.items as { action: string; detail: { method?: string } }[]).filter(
      (entry) => entry.action === 'identity.method.linked',
    );
    expect(entries.map((entry) => entry.detail.method).sort()).toEqual(['line', 'password']);
  });

  it('adds a method only after a fresh sign-in: a stale session is sent to sign in again and comes back to link', async () => {
    const resident = await host.signInAs('resident', 'stale-linker', []);
    const id = (resident.actor as { id: string }).id;
    // The session's sign-in is made an hour old, older than the ten minutes linking allows.
    await host
      .context('identity')
      .sql.query(`update public.kiban_session set created_at = now() - interval '1 hour' where principal_id = $1`, [
        id,
      ]);
    const link = `${origin}/api/public/identity/upstream/line/link?return=/mypage`;
    const stale = await fetch(link, { headers: { cookie: resident.cookie }, redirect: 'manual' });
    expect(stale.status).toBe(303);
    const again = new URL(String(stale.headers.get('location')), origin);
    expect(again.pathname).toBe('/api/public/identity/pages/sign-in');
    expect(again.searchParams.get('again')).toBe('link');
    expect(again.searchParams.get('return')).toBe('/api/public/identity/upstream/line/link?return=/mypage');
    // The sign-in page says why and offers the methods; nothing was linked.
    expect(await (await fetch(again)).text()).toContain('again="link"');
    // Nor can a passkey or a first password be added from that session; nothing is stored.
    for (const [action, body] of [
      ['passkeyRegistrationOptions', {}],
      ['setPassword', { password: 'ひまわり畑の夕暮れ 8' }],
    ] as const) {
      const refused = await resident.request('POST', `/api/actions/identity.${action}`, { body });
      expect([refused.status, refused.body.code]).toEqual([403, 'identity.freshSignInRequired']);
    }
    expect((await resident.request('GET', '/api/plugins/identity/methods')).body.items).toEqual([]);

    // Signed in again (a fresh session of the same account), the same link goes through.
    const signedInAgain = await fetch(`${origin}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'stale-linker', password: 'stale-linker-password-1' }),
    });
    const fresh = String(signedInAgain.headers.get('set-cookie')).split(';')[0];
    const linked = await me((await signInVia('line', 'line-u555', fresh)).cookie);
    expect(linked.principal.id).toBe(id);
    const methods = await resident.request('GET', '/api/plugins/identity/methods');
    expect((methods.body.items as { id: string }[]).map((method) => method.id)).toEqual(['upstream:line']);
  });
});
