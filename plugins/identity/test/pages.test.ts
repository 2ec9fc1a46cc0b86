import * as oidc from 'openid-client';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, launchChromium } from '../../../test/e2e/support/browser.ts';
import { SoftwareAuthenticator } from './software-authenticator.ts';
import {
  authorizationRequest,
  type RegisteredService,
  registerService,
  SECRET,
  startProvider,
  type TestHost,
} from './support.ts';

const PASSWORD = 'みなと公園の桜並木 2026';

/**
 * A service's sign-in in Chromium: the resident arrives from the service, signs in with their
 * password on the sign-in page, grants one attribute and refuses another on the consent page,
 * and the service receives a code it exchanges for tokens carrying only what was granted. Both
 * pages are free of WCAG 2.1 AA violations.
 */
describe('sign-in and consent pages in Chromium', () => {
  let host: TestHost;
  let issuer: string;
  let service: RegisteredService;
  let browser: Browser;

  beforeAll(async () => {
    ({ host, issuer } = await startProvider('pglite'));
    service = await registerService(host, issuer, ['name', 'address']);
    const resident = await host.signInAs('resident', 'e2e-hanako', []);
    expect(
      (await resident.request('POST', '/api/actions/identity.setPassword', { body: { password: PASSWORD } })).status,
    ).toBe(200);
    expect(
      (await resident.request('PUT', '/api/profile', { body: { displayName: '港 花子', address: '中央区1-1' } }))
        .status,
    ).toBe(200);
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  it('signs in, asks consent per attribute, and hands the service a code', async () => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    // The service is not running: its callback is answered here, and its URL is what it would receive.
    const callback = new Promise<URL>((resolve) => {
      void page.route(`${new URL(service.redirectUri).origin}/**`, async (route) => {
        resolve(new URL(route.request().url()));
        await route.fulfill({ status: 200, contentType: 'text/plain', body: 'service' });
      });
    });
    const flow = await authorizationRequest(service, 'openid name address');
    await page.goto(flow.url.href);

    await page.getByRole('heading', { name: 'サインイン' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('ユーザー名').fill('e2e-hanako');
    await page.getByLabel('パスワード').fill('違うパスワードです');
    await page.getByRole('button', { name: 'パスワードでサインイン' }).click();
    await page.getByRole('alert').filter({ hasText: 'サインイン' }).waitFor();
    await page.getByLabel('パスワード').fill(PASSWORD);
    await page.getByRole('button', { name: 'パスワードでサインイン' }).click();

    await page.getByRole('heading', { name: 'サービスへの情報提供の確認' }).waitFor();
    expect(await page.getByText('「サービス', { exact: false }).count()).toBeGreaterThan(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('住所').uncheck();
    await page.getByRole('button', { name: '選んだ項目を提供して続ける' }).click();

    const reached = await callback;
    expect(reached.searchParams.get('code')).toBeTruthy();
    const tokens = await oidc.authorizationCodeGrant(service.config, reached, {
      pkceCodeVerifier: flow.verifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
    });
    expect(tokens.scope?.split(' ').sort()).toEqual(['name', 'openid']);
    const userinfo = await oidc.fetchUserInfo(service.config, tokens.access_token, String(tokens.claims()?.sub));
    expect(userinfo).toMatchObject({ name: '港 花子' });
    expect(userinfo).not.toHaveProperty('address');
    expect(problems).toEqual([]);
    await context.close();
  });

  it("speaks the browser's language, or the one `?lang=` names, among the portals' seven", async () => {
    const { origin } = await host.listen();
    const context = await browser.newContext({ locale: 'ko-KR' });
    const page = await context.newPage();
    await page.goto(`${origin}/api/public/identity/pages/sign-in?return=/api/auth/me`);
    await page.getByRole('button', { name: '비밀번호로 로그인' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    expect(await page.title()).toBe('로그인');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.goto(`${origin}/api/public/identity/pages/sign-in?return=/api/auth/me&lang=zh-Hant`);
    await page.getByRole('button', { name: '使用密碼登入' }).waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-Hant');
    await context.close();
  });

  // Runs last: it moves the public origin to `localhost`, since a browser refuses an IP address as a passkey's RP id.
  it('signs in with a passkey held by Chromium’s virtual authenticator', async () => {
    const { origin } = await host.listen();
    const localOrigin = `http://localhost:${new URL(origin).port}`;
    expect((await host.setSettings('identity', { publicOrigin: localOrigin, secret: SECRET })).status).toBeLessThan(
      300,
    );
    const resident = await host.signInAs('resident', 'e2e-passkey', []);
    const authenticator = new SoftwareAuthenticator(localOrigin);
    const started = await resident.request('POST', '/api/actions/identity.passkeyRegistrationOptions', { body: {} });
    expect(started.body.options.rp.id).toBe('localhost');
    const registered = await resident.request('POST', '/api/actions/identity.registerPasskey', {
      body: {
        challengeId: started.body.challengeId,
        response: authenticator.register(started.body.options),
        label: 'e2e',
      },
    });
    expect(registered.status).toBe(200);

    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('WebAuthn.enable');
    const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
      options: {
        protocol: 'ctap2',
        transport: 'internal',
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    await cdp.send('WebAuthn.addCredential', { authenticatorId, credential: authenticator.exported('localhost') });
    await page.goto(`${localOrigin}/api/public/identity/pages/sign-in?return=/api/auth/me`);
    await page.getByRole('button', { name: 'パスキーでサインイン' }).click();
    await page.waitForURL(`${localOrigin}/api/auth/me`);
    const me = (await (await context.request.get(`${localOrigin}/api/auth/me`)).json()) as { principal: unknown };
    expect(me.principal).toMatchObject({
      id: (resident.actor as { id: string }).id,
      signIn: { method: 'passkey', assurance: 'substantial' },
    });
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials[0].signCount).toBeGreaterThan(0);
    await context.close();
  });
});
