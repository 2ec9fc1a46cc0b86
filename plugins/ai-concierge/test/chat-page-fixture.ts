import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { startTestEngine, TEST_ADMIN_PASSWORD, type TestEngine } from '../../../engine/src/testing/index.ts';
import { launchChromium } from '../../../test/e2e/support/browser.ts';
import { buildPortals } from '../../../test/e2e/support/portal-server.ts';
import { type ModelSandbox, startModelSandbox } from '../src/sandbox/model-sandbox.ts';
import { faqRecords } from './support.ts';

/** The concierge's chat page served by an engine with Kobe's FAQ, Chromium and the model sandbox. */
export interface ChatPageSite {
  engine: TestEngine;
  browser: Browser;
  sandbox: ModelSandbox;
  /** `http://127.0.0.1:PORT` */
  origin: string;
  /** Replaces the concierge's settings as the administrator. */
  setSettings(settings: Record<string, unknown>): Promise<void>;
  /** A new resident (own rate limit, own conversation) on the chat page, once it says how it answers. */
  openChat(): Promise<{ page: Page; problems: string[] }>;
  ask(page: Page, question: string): Promise<void>;
  close(): Promise<void>;
}

type EnginePlugins = NonNullable<Parameters<typeof startTestEngine>[3]>['plugins'];

export interface ChatPageOptions {
  /** The knowledge plugin and the concierge, and whatever else the page test needs beside them. */
  plugins: EnginePlugins;
  /** How many of the FAQ records to publish. */
  faqCount: number;
  /** Names the residents, so two files' residents never meet. */
  residentPrefix: string;
  viewportHeight: number;
}

export async function startChatPageSite(options: ChatPageOptions): Promise<ChatPageSite> {
  await buildPortals();
  const sandbox = await startModelSandbox();
  const engine = await startTestEngine('pglite', [], { port: 0 }, { plugins: options.plugins });
  const server = await engine.engine.listen();
  const origin = `http://127.0.0.1:${server.port}`;
  await engine.engine.plugins.context('knowledge').transaction({ kind: 'system' }, async (data) => {
    for (const record of faqRecords().slice(0, options.faqCount)) await data.create('KnowledgeFaq', record);
  });
  await engine.engine.plugins.settled();
  const browser = await launchChromium();
  let residents = 0;

  return {
    engine,
    browser,
    sandbox,
    origin,
    async setSettings(settings) {
      const admin = await engine.signIn('admin', TEST_ADMIN_PASSWORD);
      expect((await admin.request('PUT', '/api/admin/settings/ai-concierge', { body: settings })).status).toBe(200);
    },
    async openChat() {
      residents += 1;
      const username = `${options.residentPrefix}-${residents}`;
      await engine.principal('resident', username, []);
      const context = await browser.newContext({
        locale: 'ja-JP',
        viewport: { width: 1000, height: options.viewportHeight },
      });
      const page = await context.newPage();
      // Answers wait on the knowledge search, which is slow to warm up on a loaded machine.
      page.setDefaultTimeout(90_000);
      const problems: string[] = [];
      page.on('pageerror', (error) => problems.push(error.message));
      await context.request.post(`${origin}/api/auth/login`, {
        data: { username, password: `${username}-password-1` },
      });
      await page.goto(`${origin}/concierge`);
      await page.getByText(/^回答方式: /).waitFor();
      return { page, problems };
    },
    async ask(page, question) {
      await page.getByLabel('質問（2,000 文字まで）').fill(question);
      await page.getByRole('button', { name: '送信する' }).click();
    },
    async close() {
      await browser.close();
      await server.close();
      await engine.close();
      await sandbox.close();
    },
  };
}
