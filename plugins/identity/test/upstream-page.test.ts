import { createTestHost, type TestHost } from '@kiban/sdk/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, launchChromium } from '../../../test/e2e/support/browser.ts';
import { startSandboxUpstream } from '../sandbox/upstream-server.ts';
import identity from '../src/index.ts';
import { SECRET } from './support.ts';

/**
 * A resident signs in through an upstream OpenID Provider in Chromium: the sign-in page's link,
 * the upstream's own sign-in page (the sandbox, a real `oidc-provider`), and back to Kiban with
 * a session recording the upstream and its assurance.
 */
describe('sign-in through an upstream provider in Chromium', () => {
  let host: TestHost;
  let origin: string;
  let upstream: { issuer: string; close(): Promise<void> };
  let browser: Browser;

  beforeAll(async () => {
    host = await createTestHost({ plugins: [identity], kind: 'pglite' });
    ({ origin } = await host.listen());
    upstream = await startSandboxUpstream({
      clients: [
        {
          client_id: 'kiban-line',
          client_secret: 'secret-of-line',
          redirect_uris: [`${origin}/api/public/identity/upstream/line/callback`],
        },
        {
          client_id: 'kiban-digital-auth-app',
          client_secret: 'secret-of-digital-auth-app',
          redirect_uris: [`${origin}/api/public/identity/upstream/digital-auth-app/callback`],
        },
      ],
      people: [
        { sub: 'line-u555', claims: { name: 'みなと はなこ' } },
        { sub: 'jpki-0555', claims: { name: '港 花子', birthdate: '1990-05-01' } },
      ],
    });
    const set = await host.setSettings('identity', {
      publicOrigin: origin,
      secret: SECRET,
      upstreams: [
        {
          id: 'line',
          label: { ja: 'LINEでサインイン', en: 'Sign in with LINE' },
          issuer: upstream.issuer,
          clientId: 'kiban-line',
          scopes: ['openid', 'profile'],
          assurance: 'low',
          principalKind: 'resident',
        },
        {
          id: 'digital-auth-app',
          label: { ja: 'マイナンバーカードでサインイン', en: 'Sign in with your My Number Card' },
          issuer: upstream.issuer,
          clientId: 'kiban-digital-auth-app',
          scopes: ['openid', 'name', 'birthdate'],
          assurance: 'jpki',
          principalKind: 'resident',
        },
      ],
      upstreamSecrets: { line: 'secret-of-line', 'digital-auth-app': 'secret-of-digital-auth-app' },
    });
    expect(set.status).toBeLessThan(300);
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await upstream?.close();
    await host?.close();
  });

  it('follows the sign-in page’s link to the upstream and comes back signed in', { timeout: 300_000 }, async () => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${origin}/api/public/identity/pages/sign-in?return=/api/auth/me`);
    await page.getByRole('heading', { name: 'サインイン', exact: true }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'LINEでサインイン' }).click();
    await page.getByRole('heading', { name: 'サンドボックス（本物ではありません）' }).waitFor();
    expect(new URL(page.url()).origin).toBe(new URL(upstream.issuer).origin);
    await page.getByRole('link', { name: 'line-u555' }).click();
    await page.waitForURL(`${origin}/api/auth/me`);
    const me = (await (await context.request.get(`${origin}/api/auth/me`)).json()) as {
      principal: { kind: string; signIn: unknown };
    };
    expect(me.principal).toMatchObject({ kind: 'resident', signIn: { method: 'line', assurance: 'low' } });
    expect(problems).toEqual([]);
    await context.close();
  });

  it('steps up: the page a form sends to offers only public authentication and comes back at jpki', {
    timeout: 300_000,
  }, async () => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto(`${origin}/api/public/identity/pages/sign-in?assurance=jpki&return=/api/auth/me`);
    await page.getByText('マイナンバーカードによる本人確認').waitFor();
    // Neither a password nor LINE signs in at that level; the page offers only the card.
    expect(await page.getByLabel('パスワード').count()).toBe(0);
    expect(await page.getByRole('link', { name: 'LINEでサインイン' }).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('link', { name: 'マイナンバーカードでサインイン' }).click();
    await page.getByRole('link', { name: 'jpki-0555' }).click();
    await page.waitForURL(`${origin}/api/auth/me`);
    const me = (await (await context.request.get(`${origin}/api/auth/me`)).json()) as {
      principal: { signIn: unknown };
    };
    expect(me.principal.signIn).toMatchObject({ method: 'digital-auth-app', assurance: 'jpki' });
    await context.close();
  });

  it('shows the provider’s signed-out page in Japanese, axe-clean', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    await page.goto(`${origin}/api/public/identity/oidc/session/end/success`);
    await page.getByRole('heading', { name: 'サインアウトしました' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });
});
