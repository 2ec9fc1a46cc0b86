import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, TEST_ADMIN_PASSWORD, type TestEngine } from '../../../engine/src/testing/index.ts';
import { accessibilityViolations, launchChromium, screenshot } from '../../../test/e2e/support/browser.ts';
import { buildPortals } from '../../../test/e2e/support/portal-server.ts';
import { createContactCenterPlugin } from '../src/index.ts';
import { ROLE } from '../src/roles.ts';
import { startTranslationSandbox, type TranslationSandbox } from '../src/sandbox/translation-sandbox.ts';

/**
 * A resident who chose English on the portal and a Japanese-writing operator, in Chromium,
 * through the translation sandbox: the console shows the original and its translation, the
 * chat shows the reply's translation with the original at hand; with no translator
 * configured both pages say so, and never show the original as a translation.
 */
describe('translated chat pages in Chromium', () => {
  let engine: TestEngine;
  let browser: Browser;
  let sandbox: TranslationSandbox;
  let origin: string;
  let close: () => Promise<void>;
  const contexts: BrowserContext[] = [];

  async function signedInPage(username: string, path: string): Promise<Page> {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1100, height: 1000 } });
    contexts.push(context);
    await context.request.post(`${origin}/api/auth/login`, { data: { username, password: `${username}-password-1` } });
    const page = await context.newPage();
    page.setDefaultTimeout(60_000);
    await page.goto(`${origin}${path}`);
    return page;
  }

  async function setSettings(settings: Record<string, unknown>) {
    const admin = await engine.signIn('admin', TEST_ADMIN_PASSWORD);
    expect((await admin.request('PUT', '/api/admin/settings/contact-center', { body: settings })).status).toBe(200);
  }

  beforeAll(async () => {
    await buildPortals();
    sandbox = await startTranslationSandbox();
    engine = await startTestEngine('pglite', [], { port: 0 }, { plugins: [createContactCenterPlugin()] });
    const server = await engine.engine.listen();
    origin = `http://127.0.0.1:${server.port}`;
    close = () => server.close();
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    for (const context of contexts) await context.close();
    await browser?.close();
    await close?.();
    await engine?.close();
    await sandbox?.close();
  });

  it('lets an English-writing resident and a Japanese-writing operator talk, and says when nothing translates', async () => {
    await setSettings({
      translationAdapter: 'openai-compatible',
      translationBaseUrl: sandbox.baseUrl,
      translationModel: 'city-translate',
    });
    const supervisor = await engine.principal('staff', 'tr-supervisor', [ROLE.supervisor]);
    const operator = await engine.principal('staff', 'tr-operator', [ROLE.operator]);
    await engine.principal('resident', 'tr-resident', [ROLE.resident]);
    const operatorId = (await operator.request('GET', '/api/auth/me')).body.principal.id;
    await supervisor.request('POST', '/api/actions/contact-center.configureOperator', {
      body: { principal: operatorId, displayName: '佐藤', capacity: 3, skills: ['general'] },
    });

    const chat = await signedInPage('tr-resident', '/chat');
    const problems: string[] = [];
    chat.on('pageerror', (error) => problems.push(error.message));
    await chat.getByRole('combobox', { name: /Language/ }).selectOption({ label: 'English' });
    await chat.getByRole('button', { name: /Start a chat|チャットを始める/ }).click();
    await chat.getByLabel(/Message|メッセージ/).fill('Where do I take bulky waste?');
    await chat.getByRole('button', { name: /^(Send|送信)$/ }).click();
    await chat.getByText('Where do I take bulky waste?').waitFor();

    const console = await signedInPage('tr-operator', '/staff/plugins/contact-center/console');
    console.on('pageerror', (error) => problems.push(error.message));
    await console.getByLabel('在席状態').selectOption('available');
    await console.getByRole('button', { name: /general · #.* · 言語: en/ }).click();
    await console.getByText('Where do I take bulky waste?', { exact: true }).waitFor();
    await console.getByText('[ja] Where do I take bulky waste?').waitFor();
    // The resident's line, and the queue's greeting the resident read in English, each with their translation.
    const question = console
      .locator('.cc-transcript')
      .getByRole('listitem')
      .filter({ hasText: 'Where do I take bulky waste?' });
    await question.getByText('訳（機械翻訳: city-translate）').waitFor();
    await chat.getByText(/^\[en\] オペレーターにおつなぎします/).waitFor();

    await console.getByLabel('返信').fill('粗大ごみは受付センターに申し込んでください。');
    await console.getByRole('button', { name: '送信' }).click();
    await chat.getByText('[en] 粗大ごみは受付センターに申し込んでください。').waitFor();
    const answer = chat.getByRole('listitem').filter({ hasText: '[en] 粗大ごみは受付センターに申し込んでください。' });
    await answer.getByText('Machine translation').waitFor();
    const original = answer.getByText('Original (Japanese)');
    await original.click();
    await chat.getByText('粗大ごみは受付センターに申し込んでください。', { exact: true }).waitFor();
    expect(await accessibilityViolations(chat)).toEqual([]);
    await screenshot(chat, 'contact-center-resident-translated');

    // Nothing configured: the reply arrives as written and both sides are told it is untranslated.
    await setSettings({});
    await console.getByLabel('返信').fill('ほかにご質問はありますか。');
    await console.getByRole('button', { name: '送信' }).click();
    await console.getByText('翻訳は設定されていません').waitFor();
    await chat.getByText('ほかにご質問はありますか。', { exact: true }).waitFor();
    await chat.getByText('Translation is not configured: this is the original Japanese.').waitFor();
    await chat.getByLabel(/Message|メッセージ/).fill('No, thank you.');
    await chat.getByRole('button', { name: /^(Send|送信)$/ }).click();
    await console.getByText('No, thank you.', { exact: true }).waitFor();
    expect(await console.getByText('翻訳は設定されていません').count()).toBe(2);
    expect(await console.getByText('[ja] No, thank you.').count()).toBe(0);
    expect(await accessibilityViolations(console)).toEqual([]);
    await screenshot(console, 'contact-center-console-translated');
    expect(problems).toEqual([]);
  }, 240_000);
});
