import { knowledgePlugin } from '@kiban/plugin-knowledge';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ADMIN_PASSWORD } from '../../../engine/src/testing/index.ts';
import { accessibilityViolations } from '../../../test/e2e/support/browser.ts';
import { aiConciergePlugin } from '../src/index.ts';
import { type ChatPageSite, startChatPageSite } from './chat-page-fixture.ts';

const PAGE_TIMEOUT = 240_000;

const AGENT = {
  kind: 'agent',
  name: 'mynumber-guide',
  label: { ja: 'マイナンバー案内' },
  instructions: { ja: 'マイナンバーカードのことだけに答えてください。' },
  knowledge: { kinds: ['faq'] },
  answerer: 'extractive',
};

/** A resident page of the app embedding the chat with a chosen agent, as the designer would publish it. */
const AGENT_PAGE = {
  kind: 'page',
  name: 'mynumber-desk',
  label: { ja: 'マイナンバー窓口' },
  portal: 'resident',
  route: '/mynumber-desk',
  layout: [{ type: 'component', tag: 'ai-concierge-chat', props: { agent: 'mynumber-guide' } }],
};

/**
 * A page's chat answering with the agent its layout names, and the agent's runs on the staff
 * traces page (the agent, why a question was declined), in Chromium, axe-clean.
 */
describe('an agent chosen by a page, and its traces, in Chromium', () => {
  let site: ChatPageSite;

  beforeAll(async () => {
    site = await startChatPageSite({
      plugins: [knowledgePlugin(), aiConciergePlugin()],
      faqCount: 30,
      residentPrefix: 'agent-page-resident',
      viewportHeight: 1200,
    });
    await site.setSettings({ rateLimit: { requests: 1000, perSeconds: 60 } });
    const admin = await site.engine.signIn('admin', TEST_ADMIN_PASSWORD);
    const published = await admin.request('POST', '/api/metadata/publish', { body: { upserts: [AGENT, AGENT_PAGE] } });
    expect(published.status).toBe(200);
  }, 600_000);
  afterAll(() => site?.close());

  it(
    "asks with the page's agent and shows the agent's runs to the concierge staff",
    async () => {
      const { page, problems } = await site.openChat();
      // First the concierge's own chat, without an agent.
      await site.ask(page, 'マイナンバーカードの暗証番号を忘れました');
      await page.getByRole('log').getByText('市の案内からの引用による回答', { exact: false }).waitFor();
      await page.goto(`${site.origin}/mynumber-desk`);
      await page.getByText(/^回答方式: /).waitFor();
      await site.ask(page, 'マイナンバーカードの取得は義務ですか？');
      const log = page.getByRole('log');
      await log.getByText('市の案内からの引用による回答', { exact: false }).waitFor();
      await site.ask(page, '明日の天気を教えて');
      await log.getByText('この質問にはお答えできません', { exact: false }).waitFor();
      expect(await accessibilityViolations(page)).toEqual([]);
      const { rows } = await site.engine.engine.plugins
        .context('ai-concierge')
        .sql.query<{ agent: string | null; status: string }>('SELECT agent, status FROM turn ORDER BY id');
      expect(rows).toEqual([
        { agent: null, status: 'answered' },
        { agent: 'mynumber-guide', status: 'answered' },
        { agent: 'mynumber-guide', status: 'declined' },
      ]);
      expect(problems).toEqual([]);

      await site.engine.principal('staff', 'agent-traces-editor', ['concierge-editor']);
      const context = await site.browser.newContext({ locale: 'ja-JP', viewport: { width: 1000, height: 1200 } });
      const traces = await context.newPage();
      traces.setDefaultTimeout(90_000);
      await context.request.post(`${site.origin}/api/auth/login`, {
        data: { username: 'agent-traces-editor', password: 'agent-traces-editor-password-1' },
      });
      await traces.goto(`${site.origin}/staff/plugins/ai-concierge/traces`);
      await traces.getByText('回答しなかった理由: nothingGoodEnough').waitFor();
      expect(await traces.getByText('エージェント: mynumber-guide').count()).toBe(2);
      expect(await traces.getByText('マイナンバーカードの暗証番号を忘れました').count()).toBe(1);
      expect(await accessibilityViolations(traces)).toEqual([]);
      await traces.getByLabel('エージェント名（空ならすべて）').fill('mynumber-guide');
      await traces.getByRole('button', { name: '絞り込む' }).click();
      await traces.getByText('マイナンバーカードの暗証番号を忘れました').waitFor({ state: 'detached' });
      expect(await traces.getByText('エージェント: mynumber-guide').count()).toBe(2);
      expect(await accessibilityViolations(traces)).toEqual([]);
    },
    PAGE_TIMEOUT,
  );
});
