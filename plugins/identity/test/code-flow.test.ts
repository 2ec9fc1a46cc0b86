import * as oidc from 'openid-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Browser } from './browser.ts';
import {
  authorizationRequest,
  databaseKinds,
  type RegisteredService,
  reachCallback,
  registerService,
  signInThrough,
  startProvider,
  type TestHost,
  type TestHostClient,
} from './support.ts';

describe.each(databaseKinds())('the OpenID Provider over HTTP on %s', (kind) => {
  let host: TestHost;
  let issuer: string;
  let service: RegisteredService;
  let hanako: TestHostClient;

  beforeAll(async () => {
    ({ host, issuer } = await startProvider(kind));
    service = await registerService(host, issuer);
    hanako = await host.signInAs('resident', 'hanako', []);
    const profile = await hanako.request('PUT', '/api/profile', {
      body: { displayName: '山田 花子', displayNameKana: 'ヤマダ ハナコ', address: '北区1-2-3', postalCode: '0010010' },
    });
    expect(profile.status).toBe(200);
  }, 240_000);
  afterAll(() => host?.close());

  it('publishes discovery with the code flow and S256 only, pairwise subjects and a JWKS', async () => {
    const metadata = service.config.serverMetadata();
    expect(metadata.issuer).toBe(issuer);
    expect(metadata.response_types_supported).toEqual(['code']);
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
    expect(metadata.subject_types_supported).toEqual(['pairwise']);
    expect(metadata.grant_types_supported).not.toContain('password');
    expect(metadata.introspection_endpoint).toBeDefined();
    expect(metadata.revocation_endpoint).toBeDefined();
    expect(metadata.end_session_endpoint).toBeDefined();
    const jwks = (await (await fetch(String(metadata.jwks_uri))).json()) as { keys: Record<string, unknown>[] };
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).not.toHaveProperty('d');
  });

  it('signs a resident in with their Kiban session, releases only the attributes they granted, under a pairwise subject', async () => {
    const { tokens, asked } = await signInThrough(service, hanako, { grant: ['name', 'offline_access'] });
    expect(asked).toEqual(['name', 'address', 'offline_access']);
    const claims = tokens.claims();
    expect(claims?.sub).toBeDefined();
    expect(claims?.sub).not.toBe((hanako.actor as { id: string }).id);
    expect(tokens.scope?.split(' ').sort()).toEqual(['name', 'offline_access', 'openid']);
    expect(tokens.refresh_token).toBeDefined();
    const userinfo = await oidc.fetchUserInfo(service.config, tokens.access_token, String(claims?.sub));
    expect(userinfo).toMatchObject({ name: '山田 花子', name_kana: 'ヤマダ ハナコ' });
    expect(userinfo).not.toHaveProperty('address');
    const introspection = await oidc.tokenIntrospection(service.config, tokens.access_token);
    expect(introspection).toMatchObject({ active: true, sub: claims?.sub, client_id: service.clientId });
  });

  it('gives each service its own subject for the same resident', async () => {
    const other = await registerService(host, issuer, ['name']);
    const first = await signInThrough(service, hanako, { scope: 'openid name' });
    const second = await signInThrough(other, hanako, { scope: 'openid name' });
    expect(first.tokens.claims()?.sub).not.toBe(second.tokens.claims()?.sub);
    // A service may not ask for an attribute it was not registered for.
    const flow = await authorizationRequest(other, 'openid address');
    const refused = await new Browser(hanako.cookie).open(flow.url);
    expect(refused.callback?.searchParams.get('error') ?? refused.response?.status).toBeTruthy();
    expect(refused.callback?.searchParams.get('code') ?? null).toBeNull();
  });

  it('lists the consent in the portal, and a revocation stops the tokens at once and is audited', async () => {
    const kenta = await host.signInAs('resident', 'kenta', []);
    const { tokens } = await signInThrough(service, kenta, { grant: ['name', 'offline_access'] });
    const listed = await kenta.request('GET', '/api/plugins/identity/consents');
    expect(listed.body.items).toEqual([
      expect.objectContaining({
        clientId: service.clientId,
        granted: ['name', 'offline_access'].sort(),
        refused: ['address'],
      }),
    ]);
    // A second sign-in to the same service is not asked again.
    const again = await signInThrough(service, kenta, { scope: 'openid name' });
    expect(again.asked).toEqual([]);

    expect((await kenta.request('DELETE', `/api/plugins/identity/consents/${service.clientId}`)).status).toBe(204);
    expect(await oidc.tokenIntrospection(service.config, tokens.access_token)).toMatchObject({ active: false });
    await expect(oidc.refreshTokenGrant(service.config, String(tokens.refresh_token))).rejects.toMatchObject({
      error: 'invalid_grant',
    });
    expect((await kenta.request('GET', '/api/plugins/identity/consents')).body.items).toEqual([]);
    expect((await kenta.request('DELETE', `/api/plugins/identity/consents/${service.clientId}`)).status).toBe(404);

    const audit = await host.request('GET', `/api/audit?principalId=${(kenta.actor as { id: string }).id}`, {
      as: 'admin',
    });
    const actions = (audit.body.items as { action: string }[]).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['identity.consent.decided', 'identity.consent.revoked']));

    // After revoking, the service must ask again.
    const afterRevocation = await signInThrough(service, kenta, { scope: 'openid name', grant: ['name'] });
    expect(afterRevocation.asked).toEqual(['name']);
  });

  it('refreshes tokens while the consent stands', async () => {
    const { tokens } = await signInThrough(service, hanako, { grant: ['name', 'offline_access'] });
    const refreshed = await oidc.refreshTokenGrant(service.config, String(tokens.refresh_token));
    expect(refreshed.access_token).not.toBe(tokens.access_token);
    expect(await oidc.tokenIntrospection(service.config, refreshed.access_token)).toMatchObject({ active: true });
  });

  it('revokes a token a service hands back', async () => {
    const { tokens } = await signInThrough(service, hanako, { scope: 'openid name' });
    await oidc.tokenRevocation(service.config, tokens.access_token);
    expect(await oidc.tokenIntrospection(service.config, tokens.access_token)).toMatchObject({ active: false });
  });

  it('refuses a replayed code and revokes what the code gave; refuses a wrong verifier and a tampered state', async () => {
    const { callback, flow, tokens } = await signInThrough(service, hanako, { scope: 'openid name' });
    await expect(
      oidc.authorizationCodeGrant(service.config, callback, {
        pkceCodeVerifier: flow.verifier,
        expectedState: flow.state,
      }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
    // RFC 6749 §4.1.2: a code used twice revokes the tokens issued for it.
    expect(await oidc.tokenIntrospection(service.config, tokens.access_token)).toMatchObject({ active: false });

    const fresh = await reachCallback(service, hanako, { scope: 'openid name' });
    await expect(
      oidc.authorizationCodeGrant(service.config, fresh.callback, {
        pkceCodeVerifier: fresh.flow.verifier,
        expectedState: 'tampered',
      }),
    ).rejects.toMatchObject({ cause: { message: 'unexpected "state" response parameter value' } });
    await expect(
      oidc.authorizationCodeGrant(service.config, fresh.callback, {
        pkceCodeVerifier: oidc.randomPKCECodeVerifier(),
        expectedState: fresh.flow.state,
      }),
    ).rejects.toMatchObject({ error: 'invalid_grant' });
  });

  it('answers a wrong redirect URI and an unregistered client with an error page, never a redirect', async () => {
    const fresh = await authorizationRequest(service, 'openid name');
    const wrongRedirect = new URL(fresh.url);
    wrongRedirect.searchParams.set('redirect_uri', 'https://attacker.example/callback');
    const refused = await new Browser(hanako.cookie).open(wrongRedirect);
    expect(refused.callback).toBeUndefined();
    expect(refused.response?.status).toBe(400);

    const unknownClient = new URL(fresh.url);
    unknownClient.searchParams.set('client_id', 'not-registered');
    const unknown = await new Browser(hanako.cookie).open(unknownClient);
    expect(unknown.callback).toBeUndefined();
    expect(unknown.response?.status).toBe(400);
  });

  it('refuses an authorization request without PKCE', async () => {
    const url = oidc.buildAuthorizationUrl(service.config, {
      redirect_uri: service.redirectUri,
      scope: 'openid',
      state: oidc.randomState(),
    });
    const reached = await new Browser(hanako.cookie).open(url);
    expect(reached.callback?.searchParams.get('error')).toBe('invalid_request');
  });

  it('asks someone not signed in to Kiban to sign in, and lets nobody else finish a consent', async () => {
    const flow = await authorizationRequest(service, 'openid name');
    const anonymous = await new Browser().open(flow.url);
    expect(anonymous.response?.status).toBe(401);
    const problem = (await anonymous.response?.json()) as { code: string } | undefined;
    expect(problem?.code).toBe('identity.signInRequired');
  });

  it('rotates the signing key: the new one signs, the previous one stays published, older ones leave', async () => {
    const jwksUri = String(service.config.serverMetadata().jwks_uri);
    const kids = async () =>
      ((await (await fetch(jwksUri)).json()) as { keys: { kid: string }[] }).keys.map((key) => key.kid);
    const [original] = await kids();
    const rotate = () => host.request('POST', '/api/actions/identity.rotateSigningKey', { as: 'id-admin', body: {} });
    const first = await rotate();
    expect(first.status).toBe(200);
    expect(await kids()).toEqual([first.body.kid, original]);
    const { tokens } = await signInThrough(service, hanako, { scope: 'openid name' });
    expect(JSON.parse(Buffer.from(String(tokens.id_token).split('.')[0], 'base64url').toString()).kid).toBe(
      first.body.kid,
    );
    const second = await rotate();
    expect(second.body.retired).toEqual([original]);
    expect(await kids()).toEqual([second.body.kid, first.body.kid]);
    expect(
      (await host.request('POST', '/api/actions/identity.rotateSigningKey', { as: 'hanako', body: {} })).status,
    ).toBe(403);
  });

  /** Up to the provider's sign-out question for `resident`, asked in Japanese by default. */
  async function askToSignOut(resident: TestHostClient) {
    const { tokens, browser } = await signInThrough(service, resident, { scope: 'openid name' });
    const logout = oidc.buildEndSessionUrl(service.config, {
      id_token_hint: String(tokens.id_token),
      post_logout_redirect_uri: `${new URL(service.redirectUri).origin}/bye`,
    });
    const confirm = await browser.open(logout);
    const form = String(await confirm.response?.text());
    const xsrf = String(/name="xsrf" value="([^"]+)"/.exec(form)?.[1]);
    const action = new URL(String(/action="([^"]+)"/.exec(form)?.[1]), logout);
    const answer = (logoutField: Record<string, string>) =>
      browser.open(action, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ xsrf, ...logoutField }),
      });
    return { confirm, form, answer, browser };
  }

  it('ends the provider’s and the Kiban session on the service’s request (RP-initiated logout)', async () => {
    const taro = await host.signInAs('resident', 'logout-taro', []);
    expect((await taro.request('GET', '/api/auth/me')).status).toBe(200);
    const { confirm, form, answer, browser } = await askToSignOut(taro);
    // Kiban's own question, Japanese first, not the provider's default page.
    expect(confirm.response?.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(form).toContain('<html lang="ja">');
    expect(form).toContain('サインアウトしますか');
    expect(form).not.toContain('Do you want to sign-out');

    const done = await answer({ logout: 'yes' });
    expect(done.callback?.pathname).toBe('/bye');
    // The cookie the resident's browser held no longer authenticates, and the browser dropped it.
    expect((await taro.request('GET', '/api/auth/me')).status).toBe(401);
    expect(browser.cookie(new URL(issuer).origin, 'kiban_session')).toBeUndefined();
  });

  it('keeps the Kiban session of a resident who answers “stay signed in”', async () => {
    const jiro = await host.signInAs('resident', 'logout-jiro', []);
    const { answer } = await askToSignOut(jiro);
    const stayed = await answer({});
    expect(stayed.callback?.pathname).toBe('/bye');
    expect((await jiro.request('GET', '/api/auth/me')).status).toBe(200);
  });

  it('shows its own signed-out page in the browser’s language when the service names no return address', async () => {
    const success = await fetch(new URL(`${issuer}/session/end/success`), { headers: { 'accept-language': 'en' } });
    const page = await success.text();
    expect(page).toContain('<html lang="en">');
    expect(page).toContain('You have signed out.');
    const japanese = await (await fetch(new URL(`${issuer}/session/end/success`))).text();
    expect(japanese).toContain('サインアウトしました');
  });

  it('lets a resident refuse a service altogether: the service gets access_denied and no code', async () => {
    const flow = await authorizationRequest(service, 'openid name address offline_access');
    const browser = new Browser(hanako.cookie);
    const asked = await browser.open(flow.url);
    expect(asked.response?.status).toBe(200);
    const { interaction } = (await (asked.response as Response).json()) as { interaction: string };
    const refused = await browser.open(new URL(`/api/public/identity/interaction/${interaction}/abort`, flow.url), {
      method: 'POST',
    });
    expect(refused.callback?.searchParams.get('error')).toBe('access_denied');
    expect(refused.callback?.searchParams.get('code')).toBeNull();
  });

  it('disables a service: its tokens stop working and it can sign no one in', async () => {
    const doomed = await registerService(host, issuer, ['name']);
    const { tokens } = await signInThrough(doomed, hanako, { scope: 'openid name' });
    const disabled = await host.request('POST', '/api/actions/identity.disableClient', {
      as: 'id-admin',
      body: { clientId: doomed.clientId },
    });
    expect(disabled.status).toBe(200);
    await expect(oidc.tokenIntrospection(doomed.config, tokens.access_token)).rejects.toMatchObject({
      error: 'invalid_client',
    });
    expect(await oidc.tokenIntrospection(service.config, tokens.access_token)).toMatchObject({ active: false });
    const flow = await authorizationRequest(doomed, 'openid name');
    const reached = await new Browser(hanako.cookie).open(flow.url);
    expect(reached.callback).toBeUndefined();
    expect(reached.response?.status).toBe(400);
    const again = await host.request('POST', '/api/actions/identity.disableClient', {
      as: 'id-admin',
      body: { clientId: doomed.clientId },
    });
    expect(again.status).toBe(404);
  });

  it('refuses a registration with a bad redirect URI and changes nothing', async () => {
    const refused = await host.request('POST', '/api/actions/identity.registerClient', {
      as: 'id-admin',
      body: { name: '壊れた登録', redirectUris: ['not a url'] },
    });
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('identity.invalidClient');
    const unknownAttribute = await host.request('POST', '/api/actions/identity.registerClient', {
      as: 'id-admin',
      body: { name: '壊れた登録', redirectUris: ['https://x.example/cb'], attributes: ['myNumber'] },
    });
    expect(unknownAttribute.status).toBe(422);
  });
});
