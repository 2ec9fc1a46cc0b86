import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, launchChromium } from '../../../test/e2e/support/browser.ts';
import { startSandboxMynaportal } from '../sandbox/mynaportal-server.ts';
import { SECRET, startProvider, type TestHost, type TestHostClient } from './support.ts';

const PUBLIC_AUTH = { issuer: 'https://auth-app.example.jp', subject: 'jpki-page-1' };

/**
 * The attribute page in Chromium: a resident verified by public authentication chooses a source
 * and fields, refuses once (nothing is taken), then agrees and sees the pulled fields with their
 * source; the page is free of WCAG 2.1 AA violations at each step.
 */
describe('the attribute page in Chromium', () => {
  let host: TestHost;
  let origin: string;
  let browser: Browser;
  let portal: Awaited<ReturnType<typeof startSandboxMynaportal>>;

  beforeAll(async () => {
    portal = await startSandboxMynaportal({
      residents: [{ ...PUBLIC_AUTH, items: { birthdate: '1979-11-03', gender: 'male' } }],
    });
    ({ host, origin } = await startProvider('pglite'));
    const set = await host.setSettings('identity', {
      publicOrigin: origin,
      secret: SECRET,
      upstreams: [
        {
          id: 'digital-auth-app',
          label: { ja: 'デジタル認証アプリ' },
          issuer: PUBLIC_AUTH.issuer,
          clientId: 'kiban',
          scopes: ['openid'],
          assurance: 'jpki',
          principalKind: 'resident',
        },
      ],
      mynaportal: { tokenUrl: portal.tokenUrl, apiUrl: portal.apiUrl, clientId: portal.clientId },
      mynaportalClientSecret: portal.clientSecret,
    });
    expect(set.status).toBeLessThan(300);
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await portal?.close();
  });

  async function signedInContext(resident: TestHostClient): Promise<BrowserContext> {
    const context = await browser.newContext({ locale: 'ja-JP' });
    const [name, value] = resident.cookie.split('=');
    await context.addCookies([{ name, value, url: origin }]);
    return context;
  }

  it('asks before pulling, takes nothing on refusal, and lists what was pulled with its source', {
    timeout: 300_000,
  }, async () => {
    const unverified = await host.signInAs('resident', 'page-hanako', []);
    const resident = await host.signInAs('resident', 'page-jiro', []);
    // What a sign-in through the Digital Authentication App leaves: the verified identity's link.
    await host
      .context('identity')
      .sql.query('insert into upstream_link (upstream_id, subject, principal_id) values ($1, $2, $3)', [
        'digital-auth-app',
        PUBLIC_AUTH.subject,
        (resident.actor as { id: string }).id,
      ]);
    const problems: string[] = [];

    const first = await (await signedInContext(unverified)).newPage();
    first.on('pageerror', (error) => problems.push(error.message));
    await first.goto(`${origin}/api/public/identity/pages/attributes`);
    await first.getByRole('heading', { name: '自分の情報の取得' }).waitFor();
    await first.getByRole('link', { name: 'サインインの設定へ' }).waitFor();
    expect(await accessibilityViolations(first)).toEqual([]);

    const page = await (await signedInContext(resident)).newPage();
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${origin}/api/public/identity/pages/attributes`);
    await page.getByRole('heading', { name: '自分の情報の取得' }).waitFor();
    expect(await page.getByText('まだありません。').count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('マイナポータル').check();
    await page.getByRole('button', { name: '確認へ進む' }).click();
    await page.getByRole('status').filter({ hasText: '1つ以上' }).waitFor();
    await page.getByLabel('生年月日').check();
    await page.getByLabel('性別').check();
    await page.getByRole('button', { name: '確認へ進む' }).click();
    await page.getByText('「マイナポータル」から次の項目を取得して').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByRole('button', { name: '取得しない' }).click();
    await page.getByRole('status').filter({ hasText: '何も変更していません' }).waitFor();
    expect(portal.requests).toHaveLength(0);
    expect((await resident.request('GET', '/api/plugins/identity/attributes')).body.pulled).toEqual([]);

    await page.getByRole('button', { name: '確認へ進む' }).click();
    await page.getByRole('button', { name: '同意して取得する' }).click();
    await page.getByRole('status').filter({ hasText: '取得して登録しました。' }).waitFor();
    await page.getByText('1979-11-03').waitFor();
    expect(await page.getByText('マイナポータルから取得').count()).toBe(2);
    expect(await page.getByText('男', { exact: true }).count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
