import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../../../engine/src/testing/index.ts';
import { accessibilityViolations, launchChromium, screenshot } from '../../../test/e2e/support/browser.ts';
import { buildPortals } from '../../../test/e2e/support/portal-server.ts';
import { createContactCenterPlugin } from '../src/index.ts';
import { ROLE } from '../src/roles.ts';

/**
 * The chat launcher on every page of the resident portal, in Chromium against the engine: a
 * resident opens it from the keyboard on a page that has no chat, starts a conversation, moves
 * to another page and finds the conversation still there, folds it away with Escape (focus back
 * on the launcher) — free of WCAG 2.1 AA violations open and closed.
 */
describe('the chat launcher on every portal page in Chromium', () => {
  let engine: TestEngine;
  let browser: Browser;
  let origin: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    await buildPortals();
    engine = await startTestEngine('pglite', [], { port: 0 }, { plugins: [createContactCenterPlugin()] });
    const server = await engine.engine.listen();
    origin = `http://127.0.0.1:${server.port}`;
    close = () => server.close();
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await close?.();
    await engine?.close();
  });

  it('starts a chat from any page, keeps it across pages and folds away with Escape', async () => {
    await engine.principal('resident', 'cc-launcher-resident', [ROLE.resident]);
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1000, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await context.request.post(`${origin}/api/auth/login`, {
      data: { username: 'cc-launcher-resident', password: 'cc-launcher-resident-password-1' },
    });
    await page.goto(`${origin}/profile`);
    const launcher = page.getByRole('button', { name: 'チャットで問い合わせる' });
    await launcher.waitFor();
    expect(await page.getByRole('complementary', { name: 'チャットでお問い合わせ' }).count()).toBe(1);
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    expect(await accessibilityViolations(page)).toEqual([]);

    await launcher.focus();
    await page.keyboard.press('Enter');
    expect(await launcher.getAttribute('aria-expanded')).toBe('true');
    const start = page.getByRole('button', { name: 'チャットを始める' });
    await expect.poll(() => start.evaluate((button) => button.matches(':focus'))).toBe(true);
    await page.keyboard.press('Enter');
    await page.getByText('順番にご案内しています。このままお待ちください。').waitFor();
    await page.getByLabel('メッセージ').fill('ごみの出し方を教えてください');
    await page.getByRole('button', { name: '送信' }).click();
    await page.getByText('ごみの出し方を教えてください').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'contact-center-launcher-open');

    // Another page of the portal: the shell keeps the launcher, and with it the conversation.
    await page.getByRole('link', { name: '申請状況' }).click();
    await expect.poll(() => new URL(page.url()).pathname).toBe('/my/applications');
    await page.getByText('ごみの出し方を教えてください').waitFor();
    expect(await page.getByText('ごみの出し方を教えてください').count()).toBe(1);
    expect(await start.isVisible()).toBe(false);

    await page.getByLabel('メッセージ').focus();
    await page.keyboard.press('Escape');
    expect(await launcher.getAttribute('aria-expanded')).toBe('false');
    expect(await page.getByLabel('メッセージ').isVisible()).toBe(false);
    expect(await launcher.evaluate((button) => button.matches(':focus'))).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);
});
