import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestClient, type TestEngine } from '../../../engine/src/testing/index.ts';
import { accessibilityViolations, launchChromium, screenshot } from '../../../test/e2e/support/browser.ts';
import { buildPortals } from '../../../test/e2e/support/portal-server.ts';
import { createContactCenterPlugin } from '../src/index.ts';
import { ROLE } from '../src/roles.ts';

/**
 * The operator console with two chats in Chromium against the engine: both transcripts are
 * read at once (the selected one open, the other in its tile, live), the resident's typing
 * shows on their tile, and the keyboard shortcuts move between chats and to the reply box —
 * free of WCAG 2.1 AA violations.
 */
describe('the operator console with several chats in Chromium', () => {
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

  const action = (client: TestClient, name: string, body: unknown) =>
    client.request('POST', `/api/actions/contact-center.${name}`, { body });

  async function chatOf(username: string, words: string) {
    const resident = await engine.principal('resident', username, [ROLE.resident]);
    const started = await action(resident, 'start', {});
    expect(started.status).toBe(200);
    const id = (started.body.result ?? started.body).id as string;
    await action(resident, 'send', { conversationId: id, clientId: `c-${crypto.randomUUID()}`, body: words });
    return { resident, id };
  }

  it('shows two chats side by side, the resident typing, and moves between them by keyboard', async () => {
    const supervisor = await engine.principal('staff', 'cc-tiles-supervisor', [ROLE.supervisor]);
    const operator = await engine.principal('staff', 'cc-tiles-operator', [ROLE.operator]);
    const operatorId = (await operator.request('GET', '/api/auth/me')).body.principal.id;
    await action(supervisor, 'configureOperator', {
      principal: operatorId,
      displayName: '田中',
      capacity: 3,
      skills: ['general'],
    });
    await action(operator, 'setPresence', { presence: 'busy' });
    const first = await chatOf('cc-tiles-hanako', '住民票の写しがほしいです');
    const second = await chatOf('cc-tiles-taro', '犬の登録はどこでできますか');
    for (const chat of [first, second])
      expect((await action(operator, 'accept', { conversationId: chat.id })).status).toBe(200);

    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1300, height: 1000 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await context.request.post(`${origin}/api/auth/login`, {
      data: { username: 'cc-tiles-operator', password: 'cc-tiles-operator-password-1' },
    });
    await page.goto(`${origin}/staff/plugins/contact-center/console`);
    const tiles = page.getByRole('region', { name: '対応中のチャット（並べて表示）' });
    await tiles.getByText('住民票の写しがほしいです').waitFor();
    await tiles.getByText('犬の登録はどこでできますか').waitFor();

    // Select the first: its transcript opens below, the second stays readable in its tile.
    const firstTile = tiles.locator('ul.cc-tiles > li').filter({ hasText: '住民票の写しがほしいです' });
    await firstTile.getByRole('button', { name: '返信・操作を開く' }).click();
    await firstTile.waitFor({ state: 'detached' });
    await page.getByText('住民票の写しがほしいです').waitFor();
    await tiles.getByText('犬の登録はどこでできますか').waitFor();
    expect(await page.getByText('住民票の写しがほしいです').count()).toBe(1);

    // The second resident types, then writes: their tile shows both as they happen.
    await action(second.resident, 'typing', { conversationId: second.id, typing: true });
    const secondTile = tiles.locator('ul.cc-tiles > li').filter({ hasText: '犬の登録はどこでできますか' });
    await secondTile.getByText('住民が入力中です…').waitFor();
    await action(second.resident, 'send', {
      conversationId: second.id,
      clientId: `c-${crypto.randomUUID()}`,
      body: '土日も受け付けていますか',
    });
    await tiles.getByText('土日も受け付けていますか').waitFor();
    await secondTile.getByText('住民が入力中です…').waitFor({ state: 'hidden' });
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'contact-center-console-side-by-side');

    // Alt+N: the next chat is selected and the reply box has focus; the first is back in its tile.
    await page.getByText('キーボード操作').click();
    await page.getByText('次のチャットを選ぶ').waitFor();
    await page.keyboard.press('Alt+KeyN');
    const reply = page.getByLabel('返信');
    await expect.poll(() => reply.evaluate((box) => box.matches(':focus'))).toBe(true);
    await tiles.getByText('住民票の写しがほしいです').waitFor();
    expect(await tiles.getByText('土日も受け付けていますか').count()).toBe(0);
    await page.keyboard.type('窓口は平日のみです。');
    await page.getByRole('button', { name: '送信' }).click();
    await expect
      .poll(
        async () =>
          (await operator.request('GET', `/api/plugins/contact-center/conversations/${second.id}`)).body.messages.at(-1)
            ?.body,
      )
      .toBe('窓口は平日のみです。');

    // Alt+R from anywhere in the console goes back to the reply box.
    await page.getByText('キーボード操作').focus();
    await page.keyboard.press('Alt+KeyR');
    await expect.poll(() => reply.evaluate((box) => box.matches(':focus'))).toBe(true);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);
});
