import { createTestHost, type TestHost } from '@kiban/sdk/testing';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, launchChromium } from '../../../test/e2e/support/browser.ts';
import identity from '../src/index.ts';
import { startSmtpServer } from './smtp-server.ts';
import { SECRET } from './support.ts';

/**
 * An imported resident opens the emailed link in Chromium, confirms, and arrives signed in at
 * the sign-in settings; the same link opened again says it was used. Axe-clean on both visits.
 */
describe('the account-finishing page in Chromium', () => {
  let host: TestHost;
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let browser: Browser;

  beforeAll(async () => {
    smtp = await startSmtpServer();
    host = await createTestHost({ plugins: [identity], smtpUrl: smtp.url });
    const { origin } = await host.listen();
    expect((await host.setSettings('identity', { publicOrigin: origin, secret: SECRET })).status).toBeLessThan(300);
    await host.signInAs('staff', 'migrator', ['identity-admin']);
    const csv = 'id,email,name,kana,verified\nP-001,saburo@example.jp,高橋 三郎,タカハシ サブロウ,true';
    await host.request('POST', '/api/actions/identity.importAccounts', {
      as: 'migrator',
      body: { csv, dryRun: false },
    });
    const sent = await host.request('POST', '/api/actions/identity.sendAccountVerification', {
      as: 'migrator',
      body: { legacyIds: ['P-001'] },
    });
    expect(sent.body.items).toEqual([{ legacyId: 'P-001', outcome: 'sent' }]);
    browser = await launchChromium();
  }, 240_000);
  afterAll(async () => {
    await browser?.close();
    await host?.close();
    await smtp?.close();
  });

  it('confirms the email and goes on to the sign-in settings; the link works once', { timeout: 300_000 }, async () => {
    const link = /https?:\/\/\S+/.exec(smtp.received[0]?.text ?? '')?.[0] ?? '';
    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(link);
    await page.getByRole('heading', { name: 'アカウント移行の確認' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: 'メールアドレスを確認する' }).click();
    await page.getByRole('heading', { name: 'サインインの設定' }).waitFor();
    await page.getByRole('button', { name: 'パスワードを設定' }).waitFor();

    const again = await (await browser.newContext({ locale: 'ja-JP' })).newPage();
    await again.goto(link);
    await again.getByRole('button', { name: 'メールアドレスを確認する' }).click();
    await again.getByRole('status').filter({ hasText: 'このリンクは使用済みです。' }).waitFor();
    expect(await accessibilityViolations(again)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
