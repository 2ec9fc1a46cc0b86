import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../../../engine/src/testing/index.ts';
import { accessibilityViolations, launchChromium, screenshot } from '../../../test/e2e/support/browser.ts';
import { buildPortals } from '../../../test/e2e/support/portal-server.ts';
import { insertDraft } from '../src/faq-drafts/store.ts';
import { knowledgePlugin } from '../src/index.ts';
import { read5374 } from '../src/sorting/format-5374.ts';
import { importSortingGuide } from '../src/sorting/import-guide.ts';
import { eventually, TEST_APP } from './support.ts';

const CORPUS = resolve(import.meta.dirname, '../eval/corpus');
const SYSTEM = { kind: 'system' } as const;

/**
 * The staff pages (catalogue, feedback review, zero-result review with its one-click synonym
 * and FAQ draft, the queue of FAQ drafts written from signals), the anonymous smart FAQ page and the signed-in one's remembered area, in
 * Chromium against an engine with real Kobe FAQ rows and Kyotango's guide; axe-core on each.
 */
describe('the knowledge pages in Chromium', () => {
  let engine: TestEngine;
  let browser: Browser;
  let origin: string;
  let close: () => Promise<void>;
  let faqId: string;
  const problems: string[] = [];

  beforeAll(async () => {
    await buildPortals();
    engine = await startTestEngine('pglite', [TEST_APP], { port: 0 }, { plugins: [knowledgePlugin()] });
    const server = await engine.engine.listen();
    origin = `http://127.0.0.1:${server.port}`;
    close = () => server.close();
    const data = engine.engine.plugins.context('knowledge').data(SYSTEM);
    const lines = (await readFile(resolve(CORPUS, 'kobe-mynumber-faq.jsonl'), 'utf8')).trim().split('\n');
    for (const line of lines.slice(0, 10)) {
      const row = JSON.parse(line) as { id: string; question: string; answer: string; category?: string };
      const record = await data.create('KnowledgeFaq', {
        externalId: row.id,
        question: row.question,
        answer: row.answer,
        category: row.category ?? null,
        classification: 'public',
        status: 'published',
      });
      faqId ??= String(record.id);
    }
    const guide = await read5374(resolve(CORPUS, 'gomi-kyotango'), '京丹後市');
    await importSortingGuide(engine.engine.plugins.context('knowledge'), {
      ...guide,
      items: guide.items.filter((item) => item.name === '乾電池' || item.name.startsWith('ソファー')),
      areas: guide.areas.slice(0, 3),
    });
    await data.create('SearchFeedback', {
      query: 'マイナンバーカード 受け取り',
      resultKind: 'faq',
      resultId: faqId,
      helpful: false,
      comment: '受け取りに必要な持ち物が分かりません',
    });
    for (const query of ['ペットの火葬', 'ぺっとの火葬？', '粗大ごみ券 どこで売ってる'])
      await data.create('ZeroResultQuery', { query, audience: 'resident' });
    await engine.principal('staff', 'tanaka', ['knowledge-editor']);
    await engine.principal('resident', 'hanako', []);
    const resident = await engine.signIn('hanako', 'hanako-password-1');
    const hanakoId = (await resident.request('GET', '/api/auth/me')).body.principal.id;
    await data.create('Household', { ward: '北区', childCount: 1, owner: hanakoId });
    const children = { entity: 'Household', condition: { fact: 'childCount', op: 'gte', value: 1 } };
    await data.create('Benefit', {
      name: '児童手当',
      summary: '中学生までの子どもを育てている世帯に手当を支給します。',
      amount: '月額10,000円から15,000円',
      contactDepartment: 'こども家庭局',
      conditions: children,
      classification: 'public',
      status: 'published',
    });
    await data.create('Benefit', {
      name: '敬老優待乗車証',
      conditions: { entity: 'Household', condition: { fact: 'childCount', op: 'eq', value: -1 } },
      classification: 'public',
      status: 'published',
    });
    await eventually(async () => {
      const response = await resident.request('POST', '/api/actions/knowledge.search', {
        body: { query: 'ソファーは何ごみ' },
      });
      expect((response.body as { sorting: { category: string } | null }).sorting?.category).toBe('可燃性粗大ごみ');
    }, 20_000);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await close?.();
    await engine?.close();
  });

  async function pageAs(username: string | null, locale = 'ja-JP'): Promise<Page> {
    const context = await browser.newContext({ locale, viewport: { width: 1100, height: 1200 } });
    if (username) {
      await context.request.post(`${origin}/api/auth/login`, {
        data: { username, password: `${username}-password-1` },
      });
    }
    const page = await context.newPage();
    page.on('pageerror', (error) => problems.push(error.message));
    return page;
  }

  it('shows staff the catalogue and the ratings with their comments', async () => {
    const page = await pageAs('tanaka');
    await page.goto(`${origin}/staff/knowledge/catalogue`);
    await page.getByRole('table', { name: '出典ごとの件数・公開数・確認待ち・最終更新・見直し期限切れ' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.goto(`${origin}/staff/knowledge/feedback`);
    await page.getByText('受け取りに必要な持ち物が分かりません').waitFor();
    const link = page.locator('knowledge-feedback-review tbody a').first();
    expect(await link.getAttribute('href')).toBe(`/staff/data/KnowledgeFaq/${faqId}`);
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'knowledge-feedback-review');
  });

  it('revises a published FAQ from its page and shows the revision beside the published version', async () => {
    const page = await pageAs('tanaka');
    await page.goto(`${origin}/staff/data/KnowledgeFaq/${faqId}`);
    await page.getByRole('button', { name: '公開中のまま改訂する' }).click();
    const link = page.getByRole('link', { name: '作成中の改訂案を開く' });
    await link.waitFor();
    const revisionId = ((await link.getAttribute('href')) ?? '').split('/').at(-1) ?? '';
    const data = engine.engine.plugins.context('knowledge').data(SYSTEM);
    const published = await data.get('KnowledgeFaq', faqId);
    await data.update('KnowledgeFaq', revisionId, { answer: `${published.answer}（改訂案）` });

    await link.click();
    const comparison = page.getByRole('table', { name: '公開中の版と改訂案の比較' });
    await comparison.waitFor();
    const answerRow = comparison.getByRole('row', { name: /^answer/ });
    expect(await answerRow.getByRole('cell').last().textContent()).toBe('変更あり');
    expect(
      await comparison
        .getByRole('row', { name: /^question/ })
        .getByRole('cell')
        .last()
        .textContent(),
    ).toBe('変更なし');
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'knowledge-revision-comparison');

    // Back on the published version, the open revision is offered instead of a second one.
    await page.goto(`${origin}/staff/data/KnowledgeFaq/${faqId}`);
    await page.getByRole('link', { name: '作成中の改訂案を開く' }).waitFor();
    expect(await page.getByRole('button', { name: '公開中のまま改訂する' }).count()).toBe(0);
  });

  it('groups the searches that found nothing and turns one into a synonym and another into an FAQ draft', async () => {
    const page = await pageAs('tanaka');
    await page.goto(`${origin}/staff/knowledge/zero-results`);
    // The two spellings are one group: the newest as the row's heading, the other beside it.
    const pets = page.getByRole('row', { name: /火葬/ });
    await pets.getByText(/^ほかの表記: (ペットの火葬|ぺっとの火葬？)$/).waitFor();
    expect(await pets.getByRole('cell').nth(0).textContent()).toBe('2');
    expect(await accessibilityViolations(page)).toEqual([]);

    await pets.getByRole('button', { name: '同義語を追加' }).click();
    const words = page.getByLabel(/^「(ペットの火葬|ぺっとの火葬？)」の同義語（読点「、」区切り）$/);
    expect(await words.inputValue()).toMatch(/^(ペットの火葬|ぺっとの火葬？)、$/);
    await words.fill('ペット、犬、猫');
    await page.getByRole('button', { name: '保存' }).click();
    await page.getByText('同義語「ペット、犬、猫」を登録しました。検索に1秒以内に反映されます。').waitFor();
    const stored = await engine.engine.plugins.context('knowledge').data(SYSTEM).list('KnowledgeSynonym');
    expect(stored.map((record) => record.words)).toEqual(['ペット、犬、猫']);

    const tickets = page.getByRole('row', { name: /粗大ごみ券/ });
    await tickets.getByRole('button', { name: 'FAQの下書きを作成' }).click();
    const open = page.getByRole('link', { name: '下書きを開く' });
    await open.waitFor();
    const href = (await open.getAttribute('href')) ?? '';
    const draft = await engine.engine.plugins
      .context('knowledge')
      .data(SYSTEM)
      .get('KnowledgeFaq', href.split('/').at(-1) ?? '');
    expect(draft).toMatchObject({ question: '粗大ごみ券 どこで売ってる', status: 'draft' });
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('lists the FAQ drafts written from signals with their masked evidence, and dismisses one', async () => {
    const context = engine.engine.plugins.context('knowledge');
    const draft = await context.data(SYSTEM).create('KnowledgeFaq', {
      question: '粗大ごみの出し方を知りたい',
      answer: '（回答を入力してください）',
      classification: 'public',
    });
    await insertDraft(context, {
      clusterKey: 'new:page-test',
      kind: 'new',
      faqId: String(draft.id),
      targetFaqId: null,
      terms: ['そだ', 'だい'],
      signals: [
        { kind: 'zeroResult', text: '粗大ごみの出し方を知りたい', at: '2026-01-02T00:00:00.000Z' },
        {
          kind: 'searchNotHelpful',
          text: '〔氏名〕です 粗大ごみ',
          at: '2026-01-01T00:00:00.000Z',
          comment: '電話は〔電話番号〕',
        },
      ],
      signalCount: 2,
      firstAt: '2026-01-01T00:00:00.000Z',
      lastAt: '2026-01-02T00:00:00.000Z',
    });
    const page = await pageAs('tanaka');
    await page.goto(`${origin}/staff/knowledge/faq-drafts`);
    const row = page.getByRole('row', { name: /粗大ごみの出し方を知りたい/ });
    await row.getByText('〔氏名〕です 粗大ごみ', { exact: true }).waitFor();
    await row.getByText('コメント: 電話は〔電話番号〕').waitFor();
    expect(await row.getByRole('cell').nth(0).textContent()).toBe('新しい質問');
    expect(await row.getByRole('link', { name: '下書きを開く' }).getAttribute('href')).toContain(String(draft.id));
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'knowledge-faq-drafts');

    await row.getByRole('button', { name: '見送る' }).click();
    await page.getByText('見送りました。同じ内容の下書きはもう作られません。').waitFor();
    expect(await context.data(SYSTEM).list('KnowledgeFaq', { filter: { id: { eq: String(draft.id) } } })).toEqual([]);
    const { rows } = await context.sql.query('select dismissed from faq_draft where cluster_key = $1', [
      'new:page-test',
    ]);
    expect(rows).toEqual([{ dismissed: true }]);
  });

  it('answers visitors who have not signed in, and takes a comment with "no"', async () => {
    const page = await pageAs(null);
    await page.goto(`${origin}/api/public/knowledge/faq`);
    await page.getByRole('option', { name: '京丹後市 峰山町１区' }).waitFor({ state: 'attached' });
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('お住まいの地区').selectOption({ label: '京丹後市 峰山町１区' });
    await page.getByLabel('質問・キーワード').fill('ソファーは何ごみ');
    await page.getByLabel('質問・キーワード').press('Enter');
    await page.getByText('「ソファー（布類）」は「可燃性粗大ごみ」です。').waitFor();
    await page.locator('.garbage').getByRole('button', { name: 'いいえ' }).click();
    const comment = page.getByLabel(/足りなかったことを教えてください/);
    await comment.fill('出す場所が知りたい');
    await page.getByRole('button', { name: '送信' }).click();
    await page.getByText('ご意見ありがとうございました。').waitFor();
    const stored = await engine.engine.plugins
      .context('knowledge')
      .data(SYSTEM)
      .list('SearchFeedback', { filter: { comment: { eq: '出す場所が知りたい' } } });
    expect(stored).toMatchObject([{ resultKind: 'sorting', helpful: false, query: 'ソファーは何ごみ' }]);
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('言語 (Language)').selectOption({ label: 'English' });
    await page.getByLabel('Question or keywords').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('言語 (Language)').selectOption({ label: '한국어' });
    await page.getByRole('heading', { name: '자주 묻는 질문·쓰레기 분리배출' }).waitFor();
    await page.getByLabel('질문·키워드').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('ko');
    expect(await accessibilityViolations(page)).toEqual([]);
  });

  it('lists the benefits a resident may be eligible for once they consent', async () => {
    const page = await pageAs('hanako');
    await page.goto(`${origin}/benefits-for-me`);
    await page.getByText('同意すると、対象となる可能性のある制度がここに表示されます。').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('登録情報を使って対象の制度を確かめることに同意する').check();
    await page.getByText('1 件の制度が見つかりました。').waitFor();
    await page.getByRole('heading', { name: '児童手当' }).waitFor();
    expect(await page.getByRole('heading', { name: '敬老優待乗車証' }).count()).toBe(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('登録情報を使って対象の制度を確かめることに同意する').uncheck();
    await page.getByText('同意すると、対象となる可能性のある制度がここに表示されます。').waitFor();
  });

  it("remembers the signed-in resident's area on the portal FAQ page", async () => {
    const page = await pageAs('hanako');
    await page.goto(`${origin}/faq`);
    await page.getByRole('option', { name: '京丹後市 峰山町１区' }).waitFor({ state: 'attached' });
    await page.getByLabel('お住まいの地区').selectOption({ label: '京丹後市 峰山町１区' });
    await eventually(async () => {
      const preference = await (await engine.signIn('hanako', 'hanako-password-1')).request(
        'POST',
        '/api/actions/knowledge.myPreferences',
        { body: {} },
      );
      expect(preference.body).toMatchObject({ city: '京丹後市', area: '峰山町１区' });
    });
    await page.reload();
    await page.getByRole('option', { name: '京丹後市 峰山町１区' }).waitFor({ state: 'attached' });
    await eventually(async () =>
      expect(await page.getByLabel('お住まいの地区').inputValue()).toBe(JSON.stringify(['京丹後市', '峰山町１区'])),
    );
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  });
});
