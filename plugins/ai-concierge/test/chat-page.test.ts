import { knowledgePlugin } from '@kiban/plugin-knowledge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, screenshot } from '../../../test/e2e/support/browser.ts';
import { aiConciergePlugin } from '../src/index.ts';
import { type ChatPageSite, startChatPageSite } from './chat-page-fixture.ts';
import { faqRecords } from './support.ts';

const QUESTION = 'マイナンバーカードの取得は義務ですか？';
const EXTRACTIVE = 'コンシェルジュ — 市の案内からの引用による回答（AI モデルではありません）';
const LENIENT = { rateLimit: { requests: 1000, perSeconds: 60 } };
/** Several questions through Chromium, the knowledge plugin and axe in one test: more than a minute on a loaded machine. */
const PAGE_TIMEOUT = 240_000;

/**
 * The resident chat page in Chromium against the engine with the Kobe My Number FAQ: an
 * answer with its citation and the answerer named, a decline offering a person, the model's
 * answers told apart from the extractive ones, the rate-limit message, and no WCAG 2.1 AA
 * violations.
 */
describe('the resident concierge chat in Chromium', () => {
  let site: ChatPageSite;

  beforeAll(async () => {
    site = await startChatPageSite({
      plugins: [knowledgePlugin(), aiConciergePlugin()],
      faqCount: 60,
      residentPrefix: 'chat-resident',
      viewportHeight: 1200,
    });
  }, 600_000);

  afterAll(() => site?.close());

  it(
    'answers with a cited passage, says the extractive answerer answered, and declines what it does not know',
    async () => {
      await site.setSettings(LENIENT);
      const { page, problems } = await site.openChat();
      await page
        .getByText('回答方式: 市の案内から該当する文を引用して示します（AI モデルは使っていません）。')
        .waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);

      // Hold the answer back to see the busy indicator.
      let release = () => {};
      const held = new Promise<void>((resolve) => {
        release = resolve;
      });
      await page.route('**/api/plugins/ai-concierge/ask/stream', async (route) => {
        await held;
        await route.continue();
      });
      await site.ask(page, QUESTION);
      await page.getByRole('status').getByText('回答を作成しています…').waitFor();
      expect(await page.getByRole('button', { name: '送信する' }).isDisabled()).toBe(true);
      release();

      const log = page.getByRole('log', { name: 'コンシェルジュとの会話' });
      expect(await log.getAttribute('aria-live')).toBe('polite');
      await log.getByText('マイナンバーカードの取得は義務ではございません', { exact: false }).first().waitFor();
      await log.getByText(`あなた: ${QUESTION}`).waitFor();
      expect(await log.getByText(EXTRACTIVE).count()).toBe(1);
      expect(await page.getByRole('status').textContent()).toBe('');
      const faq = faqRecords().find((record) => record.externalId === 'kobe-mn-002');
      const link = log.getByRole('link', { name: `[1] ${faq?.question}` });
      expect(await link.getAttribute('href')).toBe(faq?.url);
      expect(await log.locator('blockquote').first().textContent()).toBe(faq?.answer);
      expect(await accessibilityViolations(page)).toEqual([]);

      await site.ask(page, '明日の天気を教えて');
      await log.getByText('コンシェルジュ — この質問にはお答えできません').waitFor();
      await log.getByText(/このチャットからは担当者におつなぎできません/).waitFor();
      const declined = log.getByRole('listitem').filter({ hasText: 'この質問にはお答えできません' });
      expect(await declined.getByRole('link').count()).toBe(0);
      expect(await declined.getByText(EXTRACTIVE).count()).toBe(0);
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'ai-concierge-chat');

      // In English, the conversation so far stays and the texts follow the language.
      await page.getByRole('combobox', { name: /Language/ }).selectOption({ label: 'English' });
      await page.getByRole('log', { name: 'Conversation with the concierge' }).getByText(`You: ${QUESTION}`).waitFor();
      await page.getByText("Concierge — Answer quoted from the city's information (not an AI model)").waitFor();
      await page.getByLabel('Your question (up to 2,000 characters)').fill('What is the weather tomorrow?');
      await page.getByRole('button', { name: 'Send' }).click();
      await page.getByText(/A person cannot be connected from this chat/).waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);

      // In Korean without a model, the answer is the city's Japanese, and the page says so.
      await page.getByRole('combobox', { name: /Language/ }).selectOption({ label: '한국어' });
      await page.getByLabel('질문(최대 2,000자)').fill(QUESTION);
      await page.getByRole('button', { name: '보내기' }).click();
      await page.getByText('이 답변은 시 정보의 일본어 원문입니다', { exact: false }).waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    },
    PAGE_TIMEOUT,
  );

  it(
    "names the model only on the model's answers, and the quoting answerer when it stands in",
    async () => {
      await site.setSettings({ ...LENIENT, baseUrl: site.sandbox.baseUrl, model: 'city-model', timeoutMs: 1_000 });
      site.sandbox.behaviour = { kind: 'answer' };
      const { page, problems } = await site.openChat();
      await page
        .getByText('回答方式: 設定された AI モデル（city-model）が市の案内だけをもとに回答文を作ります。')
        .waitFor();
      const log = page.getByRole('log');
      await site.ask(page, QUESTION);
      await log.getByText('コンシェルジュ — AI モデル（city-model）による回答').waitFor();

      site.sandbox.behaviour = { kind: 'down' };
      await site.ask(page, QUESTION);
      await log.getByText('AI モデルが応答しなかったため、市の案内からの引用でお答えしています。').waitFor();
      expect(await log.getByText(EXTRACTIVE).count()).toBe(1);
      expect(await log.getByText(/AI モデル（city-model）による回答/).count()).toBe(1);
      expect(await accessibilityViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    },
    PAGE_TIMEOUT,
  );

  it(
    'says when a resident asks faster than the limit',
    async () => {
      await site.setSettings({ rateLimit: { requests: 1, perSeconds: 3600 } });
      const { page, problems } = await site.openChat();
      const log = page.getByRole('log');
      await site.ask(page, QUESTION);
      await log.getByText(EXTRACTIVE).waitFor();
      await site.ask(page, QUESTION);
      await log.getByText(/質問が多すぎます。3600 秒ほど待ってから/).waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    },
    PAGE_TIMEOUT,
  );
});
