import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestClient, type TestEngine } from '../../../engine/src/testing/index.ts';
import { accessibilityViolations, focused, launchChromium, screenshot } from '../../../test/e2e/support/browser.ts';
import { buildPortals } from '../../../test/e2e/support/portal-server.ts';
import { knowledgePlugin } from '../src/index.ts';
import { read5374 } from '../src/sorting/format-5374.ts';
import { importSortingGuide } from '../src/sorting/import-guide.ts';
import { eventually } from './support.ts';

const CORPUS = resolve(import.meta.dirname, '../eval/corpus');
const FAQ_ROWS = 20;

/**
 * The resident smart FAQ page in Chromium against an engine with the knowledge plugin, real
 * Kobe FAQ rows and Kyotango's sorting guide: the garbage answer with the next collection day,
 * a FAQ question with its highlighted passage, "did this help?" stored, the empty message, and
 * no WCAG 2.1 AA violations.
 */
describe('the smart FAQ page in Chromium', () => {
  let engine: TestEngine;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let origin: string;
  let close: () => Promise<void>;
  const problems: string[] = [];

  beforeAll(async () => {
    await buildPortals();
    engine = await startTestEngine('pglite', [], { port: 0 }, { plugins: [knowledgePlugin()] });
    const server = await engine.engine.listen();
    origin = `http://127.0.0.1:${server.port}`;
    close = () => server.close();
    const ctx = engine.engine.plugins.context('knowledge');
    const lines = (await readFile(resolve(CORPUS, 'kobe-mynumber-faq.jsonl'), 'utf8')).trim().split('\n');
    for (const line of lines.slice(0, FAQ_ROWS)) {
      const row = JSON.parse(line) as { id: string; question: string; answer: string; url?: string; category?: string };
      await ctx.data({ kind: 'system' }).create('KnowledgeFaq', {
        externalId: row.id,
        question: row.question,
        answer: row.answer,
        url: row.url ?? null,
        category: row.category ?? null,
        classification: 'public',
        status: 'published',
      });
    }
    const guide = await read5374(resolve(CORPUS, 'gomi-kyotango'), '京丹後市');
    await importSortingGuide(ctx, {
      ...guide,
      items: guide.items.filter((item) => item.name === '乾電池' || item.name.startsWith('ソファー')),
      areas: guide.areas.slice(0, 3),
    });
    const resident = await engine.principal('resident', 'hanako', []);
    await eventually(async () => {
      const found = await search(resident, 'マイナンバーカードはどこで受け取れますか。');
      expect(found.results[0]?.title).toBe('マイナンバーカードはどこで受け取れますか。');
      expect((await search(resident, 'ソファーは何ごみ')).sorting?.category).toBe('可燃性粗大ごみ');
    }, 20_000);
    browser = await launchChromium();
    context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1000, height: 1200 } });
    await context.request.post(`${origin}/api/auth/login`, {
      data: { username: 'hanako', password: 'hanako-password-1' },
    });
    page = await context.newPage();
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${origin}/faq`);
    await page.getByRole('option', { name: '京丹後市 峰山町１区' }).waitFor({ state: 'attached' });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await close?.();
    await engine?.close();
  });

  async function search(client: TestClient, query: string) {
    const response = await client.request('POST', '/api/actions/knowledge.search', { body: { query } });
    expect(response.status).toBe(200);
    return response.body as { results: Array<{ title: string }>; sorting: { category: string } | null };
  }

  async function ask(query: string) {
    await page.getByLabel('質問・キーワード').fill(query);
    await page.getByLabel('質問・キーワード').press('Enter');
  }

  it('answers a garbage question with the category and the next collection day of the picked area', async () => {
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('お住まいの地区').selectOption({ label: '京丹後市 峰山町１区' });
    await ask('ソファーは何ごみ');
    await page.getByText('「ソファー（布類）」は「可燃性粗大ごみ」です。').waitFor();
    await page.getByText('峰山町１区では決まった収集日がありません').waitFor();
    expect((await focused(page)).text).toMatch(/件の回答が見つかりました/);

    await ask('かんでんちはどうやってすてる');
    await page.getByText('「乾電池」は「有害ごみ」です。').waitFor();
    // 有害ごみ is collected on the third Wednesday (水3) in 峰山町１区.
    await page.getByText(/^峰山町１区の次の収集日: \d{4}年\d{1,2}月\d{1,2}日\(水\)$/).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('ranks a FAQ with the matching words marked and stores "did this help?"', async () => {
    await ask('マイナンバーカードはどこで受け取れますか');
    const first = page.locator('knowledge-smart-faq ol > li').first();
    await first.getByRole('heading', { name: 'マイナンバーカードはどこで受け取れますか。' }).waitFor();
    expect(await first.locator('mark').count()).toBeGreaterThan(0);
    expect(await first.getByRole('link').getAttribute('href')).toMatch(/^https:\/\/www\.city\.kobe\.lg\.jp\//);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'knowledge-smart-faq');

    await first.getByRole('button', { name: 'はい' }).press('Enter');
    await first.getByText('ご意見ありがとうございました。').waitFor();
    expect((await focused(page)).text).toBe('ご意見ありがとうございました。');
    const stored = await engine.engine.plugins
      .context('knowledge')
      .data({ kind: 'system' })
      .list('SearchFeedback', { filter: { query: { eq: 'マイナンバーカードはどこで受け取れますか' } } });
    expect(stored).toMatchObject([{ resultKind: 'faq', helpful: true }]);
  });

  it("says clearly when nothing is found, and follows the reader's language", async () => {
    await ask('？？？');
    await page.getByText('該当する回答が見つかりませんでした。').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('言語 (Language)').selectOption({ label: 'English' });
    await page.getByText('No answer was found. Try other words or a shorter keyword.').waitFor();
    expect(await page.getByLabel('Question or keywords').inputValue()).toBe('？？？');
    expect(await page.locator('knowledge-smart-faq > div').getAttribute('lang')).toBe('en');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('Language').selectOption({ label: '简体中文' });
    await page.getByText('没有找到相关回答。请换个说法，或用更短的关键词查找。').waitFor();
    expect(await page.locator('knowledge-smart-faq > div').getAttribute('lang')).toBe('zh-Hans');
    expect(problems).toEqual([]);
  });
});
