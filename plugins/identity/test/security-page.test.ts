import { generate } from 'otplib';
import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, launchChromium } from '../../../test/e2e/support/browser.ts';
import { SECRET, startProvider, type TestHost, type TestHostClient } from './support.ts';

const PASSWORD = '川沿いの図書館で 2026 春';

/**
 * The resident's sign-in settings page in Chromium: a password set, a one-time code turned on
 * by its key and a first code (recovery codes shown once), and a passkey added through
 * Chromium's virtual authenticator; the page is free of WCAG 2.1 AA violations at each step.
 */
describe('the sign-in settings page in Chromium', () => {
  let host: TestHost;
  let origin: string;
  let browser: Browser;

  beforeAll(async () => {
    ({ host, origin } = await startProvider('pglite'));
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await host?.close();
  });

  /** A browser context holding the resident's session for `at`. */
  async function signedInContext(resident: TestHostClient, at: string): Promise<BrowserContext> {
    const context = await browser.newContext({ locale: 'ja-JP' });
    const [name, value] = resident.cookie.split('=');
    await context.addCookies([{ name, value, url: at }]);
    return context;
  }

  const methodsOf = async (resident: TestHostClient) =>
    (await resident.request('GET', '/api/plugins/identity/methods')).body.items as { kind: string; totp?: boolean }[];

  it('sets a password and turns a one-time code on, showing the recovery codes once', {
    timeout: 300_000,
  }, async () => {
    const resident = await host.signInAs('resident', 'settings-taro', []);
    const context = await signedInContext(resident, origin);
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${origin}/api/public/identity/pages/security`);
    await page.getByRole('heading', { name: 'サインインの設定' }).waitFor();
    expect(await page.getByText('先にパスワードを設定してください').count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('新しいパスワード').fill('short');
    await page.getByRole('button', { name: 'パスワードを設定' }).click();
    await page.getByRole('status').filter({ hasText: '10文字以上' }).waitFor();
    await page.getByLabel('新しいパスワード').fill(PASSWORD);
    await page.getByRole('button', { name: 'パスワードを設定' }).click();
    await page.getByRole('status').filter({ hasText: 'パスワードを保存しました。' }).waitFor();
    // With a password, changing it asks for the current one.
    expect(await page.getByLabel('現在のパスワード').count()).toBe(1);
    expect(await methodsOf(resident)).toEqual([expect.objectContaining({ kind: 'password', totp: false })]);

    await page.getByRole('button', { name: '確認コードの設定を始める' }).click();
    await page.getByRole('img', { name: '認証アプリで読み取るQRコード' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    const key = String(await page.locator('code').first().textContent());
    expect(key).toMatch(/^[A-Z2-7]{16,}$/);
    await page.getByLabel('認証アプリに表示された6桁の確認コード').fill('000000');
    await page.getByRole('button', { name: '確認コードを有効にする' }).click();
    await page.getByRole('status').filter({ hasText: '確認コード' }).waitFor();
    await page.getByLabel('認証アプリに表示された6桁の確認コード').fill(await generate({ secret: key }));
    await page.getByRole('button', { name: '確認コードを有効にする' }).click();
    await page.getByRole('heading', { name: '復旧コード' }).waitFor();
    const recoveryCodes = await page.getByRole('listitem').allTextContents();
    expect(recoveryCodes).toHaveLength(10);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(await methodsOf(resident)).toEqual([expect.objectContaining({ kind: 'password', totp: true })]);

    // Shown once: the page drawn again only says the code is on.
    await page.reload();
    await page.getByText('確認コードは有効です。').waitFor();
    expect(await page.getByRole('heading', { name: '復旧コード' }).count()).toBe(0);
    // A recovery code from the page signs in with the password.
    const signIn = await fetch(`${origin}/api/public/identity/password/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'settings-taro', password: PASSWORD, recoveryCode: recoveryCodes[0] }),
    });
    expect(signIn.status).toBe(200);
    expect(problems).toEqual([]);
    await context.close();
  });

  it('sends a signed-out browser to the sign-in page', { timeout: 120_000 }, async () => {
    const context = await browser.newContext({ locale: 'en-US' });
    const page = await context.newPage();
    await page.goto(`${origin}/api/public/identity/pages/security`);
    const link = page.getByRole('link', { name: 'Sign in first to change these settings' });
    await link.waitFor();
    expect(await link.getAttribute('href')).toBe(
      '/api/public/identity/pages/sign-in?return=%2Fapi%2Fpublic%2Fidentity%2Fpages%2Fsecurity',
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    await context.close();
  });

  // Runs last: it moves the public origin to `localhost`, since a browser refuses an IP address as a passkey's RP id.
  it('adds a passkey made by Chromium’s virtual authenticator', { timeout: 300_000 }, async () => {
    const localOrigin = `http://localhost:${new URL(origin).port}`;
    expect((await host.setSettings('identity', { publicOrigin: localOrigin, secret: SECRET })).status).toBeLessThan(
      300,
    );
    const resident = await host.signInAs('resident', 'settings-passkey', []);
    const context = await signedInContext(resident, localOrigin);
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
    await page.goto(`${localOrigin}/api/public/identity/pages/security`);
    await page.getByLabel('パスキーの名前').fill('仕事用のPC');
    await page.getByRole('button', { name: 'パスキーを追加' }).click();
    await page.getByRole('status').filter({ hasText: 'パスキー「仕事用のPC」を追加しました。' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    const { credentials } = await cdp.send('WebAuthn.getCredentials', { authenticatorId });
    expect(credentials).toHaveLength(1);
    expect(await methodsOf(resident)).toEqual([expect.objectContaining({ kind: 'passkey', label: '仕事用のPC' })]);
    await context.close();
  });
});
