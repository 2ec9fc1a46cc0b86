import { createContactCenterPlugin } from '@kiban/plugin-contact-center';
import { knowledgePlugin } from '@kiban/plugin-knowledge';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, screenshot } from '../../../test/e2e/support/browser.ts';
import { aiConciergePlugin } from '../src/index.ts';
import { type ChatPageSite, startChatPageSite } from './chat-page-fixture.ts';

const QUESTION = 'マイナンバーカードの取得は義務ですか？';
const LENIENT = { rateLimit: { requests: 1000, perSeconds: 60 } };
const PAGE_TIMEOUT = 240_000;

/**
 * The chat page's streaming, "did this help?" and "talk to a person" in Chromium, with the
 * knowledge plugin holding the FAQ and the contact centre running: a streamed text is shown as
 * a labelled draft and replaced by the checked answer, a rating is stored, a handoff asks for
 * consent to share the transcript, and the page has no WCAG 2.1 AA violations throughout.
 */
describe('the concierge chat page: streaming, feedback and a person, in Chromium', () => {
  let site: ChatPageSite;

  /** Records every text the draft shows, with its label, as the page changes it (the portal renders in shadow roots). */
  const watchDrafts = (page: Page) =>
    page.evaluate(() => {
      const find = (root: Document | ShadowRoot): Element | null => {
        const found = root.querySelector('ai-concierge-chat');
        if (found) return found;
        for (const node of root.querySelectorAll('*')) {
          const inner = node.shadowRoot ? find(node.shadowRoot) : null;
          if (inner) return inner;
        }
        return null;
      };
      const chat = find(document);
      const seen: Array<{ label: string; text: string }> = [];
      (window as unknown as { drafts: typeof seen }).drafts = seen;
      if (!chat) return;
      new MutationObserver(() => {
        const draft = chat.querySelector('.draft');
        if (draft)
          seen.push({
            label: draft.querySelector('.draft-label')?.textContent ?? '',
            text: draft.querySelector('.draft-text')?.textContent ?? '',
          });
      }).observe(chat, { subtree: true, childList: true, characterData: true });
    });
  const drafts = (page: Page) =>
    page.evaluate(() => (window as unknown as { drafts: Array<{ label: string; text: string }> }).drafts);

  beforeAll(async () => {
    site = await startChatPageSite({
      plugins: [knowledgePlugin(), createContactCenterPlugin(), aiConciergePlugin()],
      faqCount: 30,
      residentPrefix: 'chat-actions-resident',
      viewportHeight: 1400,
    });
  }, 600_000);

  afterAll(() => site?.close());

  it(
    "shows a streamed text as a provisional draft and keeps only the checked answer: a model's invented fee never stays",
    async () => {
      await site.setSettings({ ...LENIENT, baseUrl: site.sandbox.baseUrl, model: 'city-model', timeoutMs: 20_000 });
      site.sandbox.behaviour = { kind: 'reply', text: '取得は義務です。手数料は9,999円です。[1]', pieceDelayMs: 400 };
      const { page, problems } = await site.openChat();
      await watchDrafts(page);
      await site.ask(page, QUESTION);
      const draft = page.locator('.draft');
      await draft.getByText('取得は義務です', { exact: false }).waitFor();
      await draft.getByText('作成中の下書き（数字の確認が済むまでは回答ではありません）').waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      const log = page.getByRole('log');
      await log.getByText('AI モデルが応答しなかったため、市の案内からの引用でお答えしています。').waitFor();
      expect(await draft.count()).toBe(0);
      const shown = await drafts(page);
      // Every text the draft showed was labelled provisional; the quoting answer's text was among
      // them, and the answer kept holds no number the passages lack. (That the model's deltas come
      // first and are withdrawn by `restart` is asserted on the stream itself, model-mode.test.ts.)
      expect(shown.length).toBeGreaterThan(0);
      expect(shown.every((each) => each.label.startsWith('作成中の下書き'))).toBe(true);
      expect(shown.some((each) => each.text.includes('市の案内には次のとおりあります'))).toBe(true);
      expect(await log.textContent()).not.toContain('9,999');
      expect(await log.getByText('市の案内には次のとおりあります', { exact: false }).count()).toBe(1);
      expect(problems).toEqual([]);
    },
    PAGE_TIMEOUT,
  );

  it(
    'asks "did this help?" under each answer and stores the rating',
    async () => {
      await site.setSettings(LENIENT);
      const { page, problems } = await site.openChat();
      await site.ask(page, QUESTION);
      const log = page.getByRole('log');
      const answer = log.getByRole('listitem').filter({ hasText: '市の案内からの引用による回答' });
      await answer.getByText('この回答は役に立ちましたか？').waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      await answer.getByRole('button', { name: 'いいえ' }).click();
      await answer.getByText('ご意見ありがとうございました。').waitFor();
      expect(await answer.getByRole('button', { name: 'はい' }).count()).toBe(0);
      const { rows } = await site.engine.engine.plugins
        .context('ai-concierge')
        .sql.query<{ helpful: boolean; turn: number }>('SELECT helpful, turn FROM feedback');
      expect(rows).toEqual([{ helpful: false, turn: 1 }]);
      expect(await accessibilityViolations(page)).toEqual([]);
      expect(problems).toEqual([]);
    },
    PAGE_TIMEOUT,
  );

  it(
    'offers "talk to a person" when it cannot answer, and shares the conversation only with the consent ticked',
    async () => {
      await site.setSettings(LENIENT);
      const { page, problems } = await site.openChat();
      await site.ask(page, '明日の天気を教えて');
      const log = page.getByRole('log');
      const declined = log.getByRole('listitem').filter({ hasText: 'この質問にはお答えできません' });
      const consent = declined.getByLabel('これまでの会話（質問と回答）を担当者に見せることに同意します');
      await consent.waitFor();
      expect(await consent.isChecked()).toBe(false);
      expect(await accessibilityViolations(page)).toEqual([]);
      await consent.check();
      await declined.getByRole('button', { name: '担当者と話す' }).click();
      await declined.getByText('担当者への依頼を受け付けました。', { exact: false }).waitFor();
      await declined.getByText('会話の記録を担当者に渡しました。', { exact: false }).waitFor();
      const { rows } = await site.engine.engine.plugins
        .context('ai-concierge')
        .sql.query<{ transcript_shared: boolean }>(
          'SELECT transcript_shared FROM conversation WHERE handoff_conversation IS NOT NULL',
        );
      expect(rows).toEqual([{ transcript_shared: true }]);
      expect(await accessibilityViolations(page)).toEqual([]);
      await screenshot(page, 'ai-concierge-chat-handoff');
      expect(problems).toEqual([]);
    },
    PAGE_TIMEOUT,
  );

  it(
    'shows the ratings on the staff traces page and filters to the conversations rated unhelpful',
    async () => {
      await site.setSettings(LENIENT);
      const { page: chat } = await site.openChat();
      await site.ask(chat, QUESTION);
      const answer = chat.getByRole('log').getByRole('listitem').filter({ hasText: '市の案内からの引用による回答' });
      await answer.getByRole('button', { name: 'いいえ' }).click();
      await answer.getByText('ご意見ありがとうございました。').waitFor();
      // Another resident's conversation, not rated.
      const { page: other } = await site.openChat();
      await site.ask(other, '明日の天気を教えて');
      await other.getByText('この質問にはお答えできません', { exact: false }).waitFor();

      await site.engine.principal('staff', 'traces-editor', ['concierge-editor']);
      const context = await site.browser.newContext({ locale: 'ja-JP', viewport: { width: 1000, height: 1400 } });
      const page = await context.newPage();
      page.setDefaultTimeout(90_000);
      await context.request.post(`${site.origin}/api/auth/login`, {
        data: { username: 'traces-editor', password: 'traces-editor-password-1' },
      });
      await page.goto(`${site.origin}/staff/plugins/ai-concierge/traces`);
      await page.getByText('住民の評価: 役に立たなかった').first().waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      const before = await page.getByText('明日の天気を教えて').count();
      expect(before).toBeGreaterThan(0);
      await page.getByLabel('「役に立たなかった」と評価された会話だけ').check();
      await page.getByRole('button', { name: '絞り込む' }).click();
      await page.getByText('明日の天気を教えて').first().waitFor({ state: 'detached' });
      expect(await page.getByText('住民の評価: 役に立たなかった').count()).toBeGreaterThan(0);
      expect(await page.getByRole('button', { name: '次のページ' }).isDisabled()).toBe(true);
      expect(await accessibilityViolations(page)).toEqual([]);
    },
    PAGE_TIMEOUT,
  );
});
