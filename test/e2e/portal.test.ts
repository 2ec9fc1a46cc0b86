import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, focused, launchChromium, screenshot, tabTo } from './support/browser.ts';
import { type PortalServer, startPortalServer } from './support/portal-server.ts';

/** The library-card example has no workflow; the test adds a review with a task for librarians. */
const REVIEW_WORKFLOW = resolve(import.meta.dirname, 'fixtures');

/**
 * The portals end to end in Chromium against the engine on PGlite: a resident signs up,
 * applies for a library card by keyboard only and follows it under "my applications"; a
 * librarian finds it in the staff list, opens it, rejects it with a comment and sees the
 * task inbox. Every resident page is checked with axe-core (WCAG 2.1 AA) and photographed.
 */
describe('the resident and staff portals in Chromium', () => {
  let server: PortalServer;
  let browser: Browser;
  const refusedByPolicy: string[] = [];
  let branchName: string;

  /**
   * Collects, without exception, what the portal's Content-Security-Policy refused, uncaught
   * errors, and the form's warning that it could not validate in the browser (which would
   * leave validation to the server alone).
   */
  const watch = (page: Page) => {
    page.on('console', (message) => {
      const text = message.text();
      if (text.includes('Content Security Policy') || text.includes('only the server validates')) {
        refusedByPolicy.push(text);
      }
    });
    page.on('pageerror', (error) => refusedByPolicy.push(`page error: ${error.message}`));
  };

  beforeAll(async () => {
    server = await startPortalServer([REVIEW_WORKFLOW]);
    branchName = '中央図書館';
    const branch = await server.librarian.request('POST', '/api/data/Branch', {
      body: { name: branchName, code: 'CEN', ward: '北区' },
    });
    expect(branch.status).toBe(201);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lets a resident sign up, apply by keyboard only and follow the application', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    watch(page);

    await page.goto(`${server.origin}/`);
    await expect(page.title()).resolves.toBe('市民ポータル');
    await page.getByRole('button', { name: 'はじめての方は利用者登録' }).click();
    await page.getByLabel('お名前').fill('山田 花子');
    await page.getByLabel('ユーザー名').fill('hanako');
    await page.getByLabel('パスワード').fill('a-long-enough-passphrase');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '01-resident-sign-up');
    await page.getByRole('button', { name: '登録する' }).click();

    await page.getByRole('heading', { name: '市立図書館' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '02-resident-home');

    // The application form refers to the resident's applicant record, made here through the API.
    const applicant = await context.request.post(`${server.origin}/api/data/Applicant`, {
      data: { name: '山田 花子', nameKana: 'ヤマダ ハナコ', birthDate: '1990-05-01' },
    });
    expect(applicant.status()).toBe(201);

    await page.getByRole('link', { name: '図書館カードの申込み' }).click();
    await page.locator('kiban-form select#field-branch option', { hasText: branchName }).waitFor({ state: 'attached' });
    await page.locator('kiban-form select#field-applicant option', { hasText: '山田 花子' }).waitFor({
      state: 'attached',
    });
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '03-resident-form');

    // Sent before choosing: the browser refuses it against the published schema, no request leaves.
    const applications: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/data/Application') {
        applications.push(request.url());
      }
    });
    await page.locator('kiban-form button[type=submit]').click();
    await expect(page.locator('kiban-form #field-applicant-error').textContent()).resolves.toContain(
      '入力してください',
    );
    await expect(page.locator('kiban-form #field-branch-error').textContent()).resolves.toContain('入力してください');
    await expect(page.locator('kiban-form #field-applicant').getAttribute('aria-invalid')).resolves.toBe('true');
    expect(applications).toEqual([]);
    expect(await accessibilityViolations(page)).toEqual([]);

    // Keyboard only from here: Tab to each field, arrows to choose, Space to tick, Enter to send.
    await tabTo(page, (element) => element.id === 'field-applicant');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe('field-branch');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Tab');
    expect((await focused(page)).id).toBe('field-wantsChildCard');
    await page.keyboard.press('Space');
    await tabTo(page, (element) => element.type === 'submit');
    await page.keyboard.press('Enter');
    await page.getByText('送信しました。ありがとうございました。').waitFor();
    expect(applications).toHaveLength(1);
    expect(await accessibilityViolations(page)).toEqual([]);

    // The confirmation leads on to "my applications".
    await page.locator('kiban-form-page').getByRole('link', { name: '申請状況' }).click();
    const row = page.getByRole('row', { name: /受付済み/ });
    await row.waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '04-resident-my-applications');

    await row.getByRole('link').click();
    await page.getByRole('heading', { name: '履歴' }).waitFor();
    await page.getByText(branchName).first().waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '05-resident-application-detail');

    await page.getByRole('link', { name: 'プロフィール' }).click();
    await page.locator('kiban-form #field-email').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, '06-resident-profile');
    await context.close();
  });

  it('lets a librarian find the application in the list and the task inbox, and reject it with a comment', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    watch(page);

    await page.goto(`${server.origin}/staff`);
    await page.getByLabel('ユーザー名').fill('librarian1');
    await page.getByLabel('パスワード').fill('librarian1-password-1');
    await page.getByRole('button', { name: 'サインインする' }).click();

    await page.getByRole('navigation').getByRole('link', { name: '申請一覧' }).click();
    await page.locator('kiban-list td', { hasText: branchName }).waitFor();
    await screenshot(page, '07-staff-list');

    await page.getByRole('navigation').getByRole('link', { name: '作業一覧' }).click();
    const task = page.getByRole('link', { name: '申請を審査する' });
    await task.waitFor();
    await screenshot(page, '08-staff-task-inbox');

    await task.click();
    await page.getByRole('button', { name: '承認する' }).waitFor();
    await page.getByText(branchName).first().waitFor();
    await screenshot(page, '09-staff-detail');

    await page.getByRole('button', { name: '却下する' }).click();
    await page.getByLabel('コメント（必須）').fill('ご本人確認書類の提出をお願いします。');
    await page.getByRole('button', { name: '実行する' }).click();
    await page.getByText('「却下する」を行いました。').waitFor();
    await page.getByRole('cell', { name: 'ご本人確認書類の提出をお願いします。' }).waitFor();
    await screenshot(page, '10-staff-detail-rejected');

    // The review task was done by the transition: the inbox is empty now.
    await page.getByRole('navigation').getByRole('link', { name: '作業一覧' }).click();
    await page.getByText('担当の作業はありません。').waitFor();
    await context.close();
  });

  it('runs without a Content-Security-Policy refusal or a script error', () => {
    expect(refusedByPolicy).toEqual([]);
  });
});
