import type { Browser, Locator, WebSocketRoute } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestEngine } from '../../../engine/src/testing/index.ts';
import { accessibilityViolations, launchChromium, screenshot } from '../../../test/e2e/support/browser.ts';
import { buildPortals } from '../../../test/e2e/support/portal-server.ts';
import { createContactCenterPlugin } from '../src/index.ts';
import { ROLE } from '../src/roles.ts';

/** Waits until a form control holds `expected` (the console fills the reply box asynchronously). */
async function expectValue(control: Locator, expected: string): Promise<void> {
  await control
    .page()
    .waitForFunction(([element, value]) => (element as HTMLTextAreaElement).value === value, [
      await control.elementHandle(),
      expected,
    ] as const);
}

/**
 * The resident chat page, the operator console and the supervisors' KPI page in Chromium
 * against the engine: a resident writes, an operator becomes available, gets the chat, reads
 * and answers it; the resident sees the answer and who wrote it — and the operator's typing and
 * read mark — through the portal's realtime connection, without a single poll meanwhile; an
 * anonymous visitor's chat hears the same way on a guest socket. Every page free of WCAG 2.1 AA
 * violations.
 */
describe('contact centre pages in Chromium', () => {
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

  it("hears an anonymous visitor's chat on the city's own page live, without polling", async () => {
    const supervisor = await engine.principal('staff', 'cc-anon-supervisor', [ROLE.supervisor]);
    const operator = await engine.principal('staff', 'cc-anon-operator', [ROLE.operator]);
    const operatorId = (await operator.request('GET', '/api/auth/me')).body.principal.id;
    await supervisor.request('POST', '/api/actions/contact-center.configureOperator', {
      body: { principal: operatorId, displayName: '高橋', capacity: 3, skills: ['general'] },
    });
    await operator.request('POST', '/api/actions/contact-center.setPresence', { body: { presence: 'busy' } });
    // The test serves the city's page itself, so Chromium gives it no address and counts it as on
    // the internet, whose pages may not open sockets to a loopback engine; a city's real site and
    // engine are both on the internet, so the check is off for this browser only.
    const siteBrowser = await launchChromium(['--disable-features=LocalNetworkAccessChecks']);
    const visitorContext = await siteBrowser.newContext({ locale: 'ja-JP', viewport: { width: 900, height: 900 } });
    const chat = await visitorContext.newPage();
    const problems: string[] = [];
    chat.on('pageerror', (error) => problems.push(error.message));
    const chatReads: string[] = [];
    chat.on('request', (request) => {
      if (request.method() === 'GET' && request.url().includes('/api/public/contact-center/conversations/'))
        chatReads.push(request.url());
    });
    const chatSockets: WebSocketRoute[] = [];
    await chat.routeWebSocket(/\/realtime\//, (socket) => {
      chatSockets.push(socket);
      socket.connectToServer();
    });
    // A page of the city's own site (not a portal: those need a sign-in) with the chat placed on it.
    await chat.route(`${origin}/city-site.html`, (route) =>
      route.fulfill({
        contentType: 'text/html; charset=utf-8',
        body: `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>市のお問い合わせ</title>
          <script type="module" src="/ui/plugins/contact-center/index.js"></script></head>
          <body><main><h1>市のお問い合わせ</h1><contact-center-chat></contact-center-chat></main></body></html>`,
      }),
    );
    await chat.goto(`${origin}/city-site.html`);
    await chat.getByRole('button', { name: 'チャットを始める' }).click();
    await chat.getByText('順番にご案内しています。このままお待ちください。').waitFor();
    // The guest socket joined the room with the conversation's token and caught up once.
    await expect.poll(() => chatReads.length).toBeGreaterThan(0);
    const readsBeforeOperator = chatReads.length;
    const conversationId = new URL(chatReads[0] ?? '').pathname.split('/').at(-1) ?? '';
    expect(
      (await operator.request('POST', '/api/actions/contact-center.accept', { body: { conversationId } })).status,
    ).toBe(200);
    await chat.getByText('オペレーター：高橋').waitFor();
    const sent = await operator.request('POST', '/api/actions/contact-center.send', {
      body: { conversationId, clientId: `c-${crypto.randomUUID()}`, body: '担当の高橋です。ご用件をどうぞ。' },
    });
    expect(sent.status).toBe(200);
    await chat.getByText('担当の高橋です。ご用件をどうぞ。').waitFor();
    expect(chatReads.slice(readsBeforeOperator)).toEqual([]);

    // The connection drops mid-send: the engine stored the message, the chat never heard back.
    // The text stays; sending it again goes with the same client id, and it is shown and kept once.
    let dropped = false;
    await chat.route('**/api/public/contact-center/conversations/*/messages', async (route) => {
      if (dropped) return route.continue();
      dropped = true;
      await route.fetch();
      await route.abort('connectionreset');
    });
    const question = '粗大ごみの申し込み方法を教えてください。';
    await chat.getByLabel('メッセージ').fill(question);
    await chat.getByRole('button', { name: '送信' }).click();
    await chat.getByText('送信できませんでした。もう一度お試しください。').waitFor();
    expect(await chat.getByLabel('メッセージ').inputValue()).toBe(question);
    await chat.getByRole('button', { name: '送信' }).click();
    await expect.poll(() => chat.getByLabel('メッセージ').inputValue()).toBe('');
    await chat.getByText('オペレーター：高橋').waitFor();
    expect(await chat.getByText(question).count()).toBe(1);
    const stored = await operator.request('GET', `/api/plugins/contact-center/conversations/${conversationId}`);
    expect(stored.body.messages.filter((m: { body: string }) => m.body === question)).toHaveLength(1);

    // The connection drops and the operator writes meanwhile: the chat reconnects as a guest and catches up, once each.
    await chatSockets.at(-1)?.close();
    await operator.request('POST', '/api/actions/contact-center.send', {
      body: { conversationId, clientId: `c-${crypto.randomUUID()}`, body: '少々お待ちください。' },
    });
    await chat.getByText('少々お待ちください。').waitFor();
    expect(chatSockets.length).toBeGreaterThan(1);
    const lines = await chat
      .getByRole('list', { name: 'チャットでお問い合わせ' })
      .getByRole('listitem')
      .allTextContents();
    expect(lines.filter((line) => line.startsWith('高橋:'))).toEqual([
      '高橋: 担当の高橋です。ご用件をどうぞ。',
      '高橋: 少々お待ちください。',
    ]);
    expect(await accessibilityViolations(chat)).toEqual([]);
    await screenshot(chat, 'contact-center-anonymous-live');
    await operator.request('POST', '/api/actions/contact-center.close', {
      body: { conversationId, wrapUp: { code: 'information' } },
    });
    expect(problems).toEqual([]);
    await siteBrowser.close();
  }, 180_000);

  it('carries a chat from the resident page to the operator console and back', async () => {
    const supervisor = await engine.principal('staff', 'cc-supervisor', [ROLE.supervisor]);
    const operator = await engine.principal('staff', 'cc-operator', [ROLE.operator]);
    await engine.principal('resident', 'cc-hanako', [ROLE.resident]);
    const operatorId = (await operator.request('GET', '/api/auth/me')).body.principal.id;
    const configured = await supervisor.request('POST', '/api/actions/contact-center.configureOperator', {
      body: { principal: operatorId, displayName: '佐藤', capacity: 3, skills: ['general'] },
    });
    expect(configured.status).toBe(200);

    const canned = await supervisor.request('POST', '/api/actions/contact-center.saveCannedReply', {
      body: {
        code: 'thanks',
        language: 'ja',
        title: 'お礼',
        body: '{{resident.name}}、お問い合わせありがとうございます。',
      },
    });
    expect(canned.status).toBe(200);

    const residentContext = await browser.newContext({ locale: 'ja-JP', viewport: { width: 900, height: 900 } });
    const chat = await residentContext.newPage();
    const problems: string[] = [];
    chat.on('pageerror', (error) => problems.push(error.message));
    await residentContext.request.post(`${origin}/api/auth/login`, {
      data: { username: 'cc-hanako', password: 'cc-hanako-password-1' },
    });
    // Every read of the conversation the chat makes: the catch-up after joining its realtime room, or a poll.
    const chatReads: string[] = [];
    chat.on('request', (request) => {
      if (request.method() === 'GET' && request.url().includes('/api/plugins/contact-center/conversations/')) {
        chatReads.push(request.url());
      }
    });
    // The chat's realtime connections pass through here, so the test can drop one.
    const chatSockets: WebSocketRoute[] = [];
    await chat.routeWebSocket(/\/realtime\//, (socket) => {
      chatSockets.push(socket);
      socket.connectToServer();
    });
    await chat.goto(`${origin}/chat`);
    await chat.getByRole('button', { name: 'チャットを始める' }).click();
    await chat.getByText('順番にご案内しています。このままお待ちください。').waitFor();
    await chat.getByLabel('メッセージ').fill('児童手当の申請について教えてください');
    await chat.getByRole('button', { name: '送信' }).click();
    await chat.getByText('児童手当の申請について教えてください').waitFor();
    // The chat has joined its room (the join's catch-up read was made): from here on, it hears without asking.
    await expect.poll(() => chatReads.length).toBeGreaterThan(0);
    const readsBeforeOperator = chatReads.length;
    expect(await accessibilityViolations(chat)).toEqual([]);
    await screenshot(chat, 'contact-center-resident-waiting');

    const staffContext = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1200, height: 1000 } });
    const console = await staffContext.newPage();
    console.on('pageerror', (error) => problems.push(error.message));
    await staffContext.request.post(`${origin}/api/auth/login`, {
      data: { username: 'cc-operator', password: 'cc-operator-password-1' },
    });
    await console.goto(`${origin}/staff/plugins/contact-center/console`);
    await console.getByLabel('在席状態').selectOption('available');
    await console.getByRole('button', { name: /general · #/ }).click();
    await console.getByText('児童手当の申請について教えてください').waitFor();
    await console.getByLabel('定型文を選ぶ').selectOption({ label: 'お礼' });
    await expectValue(console.getByLabel('返信'), 'お客様、お問い合わせありがとうございます。');
    await console.getByLabel('返信').fill('子育て支援課の窓口で申請できます。');
    await chat.getByText('相手が入力中です…').waitFor();
    await chat.getByText('(既読)').waitFor();
    await console.getByRole('button', { name: '送信' }).click();
    await console.getByText('子育て支援課の窓口で申請できます。').waitFor();
    // The answer of a reply is lost after the engine stored it: the text stays, and sending it
    // again goes with the same client id, so the reply is kept and shown once.
    let replyDropped = false;
    await console.route('**/api/actions/contact-center.send', async (route) => {
      if (replyDropped) return route.continue();
      replyDropped = true;
      await route.fetch();
      await route.abort('connectionreset');
    });
    const retried = '申請書は窓口でお渡しします。';
    await console.getByLabel('返信').fill(retried);
    await console.getByRole('button', { name: '送信' }).click();
    await console.getByText('送信できませんでした。もう一度お試しください。').waitFor();
    expect(await console.getByLabel('返信').inputValue()).toBe(retried);
    await console.getByRole('button', { name: '送信' }).click();
    await expect.poll(() => console.getByLabel('返信').inputValue()).toBe('');
    await console.unroute('**/api/actions/contact-center.send');
    await chat.getByText(retried).waitFor();
    expect(await accessibilityViolations(console)).toEqual([]);
    await screenshot(console, 'contact-center-console');

    await chat.getByText('子育て支援課の窓口で申請できます。').waitFor();
    await chat.getByText('オペレーター：佐藤').waitFor();
    await chat.getByText('相手が入力中です…').waitFor({ state: 'hidden' });
    // The operator joined, typed, read and answered, and the chat showed it all without one read of its own.
    expect(chatReads.slice(readsBeforeOperator)).toEqual([]);

    // The connection drops and the operator writes twice meanwhile: the chat reconnects, catches
    // up by its last message number and shows each message once, in order.
    const conversationId = (await operator.request('GET', '/api/plugins/contact-center/console')).body.mine[0].id;
    const kept = await operator.request('GET', `/api/plugins/contact-center/conversations/${conversationId}`);
    expect(kept.body.messages.filter((m: { body: string }) => m.body === retried)).toHaveLength(1);
    expect(await chat.getByText(retried).count()).toBe(1);
    const readsBeforeDrop = chatReads.length;
    await chatSockets.at(-1)?.close();
    for (const body of ['窓口は平日の 8 時 45 分からです。', '本人確認書類をお持ちください。']) {
      const sent = await operator.request('POST', '/api/actions/contact-center.send', {
        body: { conversationId, clientId: `c-${crypto.randomUUID()}`, body },
      });
      expect(sent.status).toBe(200);
    }
    await chat.getByText('本人確認書類をお持ちください。').waitFor();
    await expect.poll(() => chatReads.length).toBeGreaterThan(readsBeforeDrop);
    expect(chatSockets.length).toBeGreaterThan(1);
    const lines = await chat
      .getByRole('list', { name: 'チャットでお問い合わせ' })
      .getByRole('listitem')
      .allTextContents();
    expect(lines.filter((line) => line.includes('窓口は平日') || line.includes('本人確認書類'))).toEqual([
      '佐藤: 窓口は平日の 8 時 45 分からです。',
      '佐藤: 本人確認書類をお持ちください。',
    ]);
    await screenshot(chat, 'contact-center-resident-answered');

    await console.getByLabel('対応結果', { exact: true }).selectOption('information');
    await console.getByRole('button', { name: '終了' }).click();
    await console.getByRole('button', { name: /general · #/ }).waitFor({ state: 'detached' });
    const closed = await operator.request('GET', '/api/plugins/contact-center/console');
    expect(closed.body.mine).toEqual([]);

    const supervisorContext = await browser.newContext({ locale: 'ja-JP' });
    const kpis = await supervisorContext.newPage();
    await supervisorContext.request.post(`${origin}/api/auth/login`, {
      data: { username: 'cc-supervisor', password: 'cc-supervisor-password-1' },
    });
    await kpis.goto(`${origin}/staff/plugins/contact-center/supervisor`);
    await kpis.getByRole('rowheader', { name: 'general' }).first().waitFor();
    await kpis.getByRole('img', { name: /general: 待ち \d+ 件、対応中 \d+ 件/ }).waitFor();
    await kpis.getByRole('table', { name: 'オペレーター（今日）' }).getByRole('rowheader', { name: '佐藤' }).waitFor();
    // This month's report per queue is drawn at once; monthly per operator on request.
    const reports = kpis.locator('contact-center-reports');
    await reports.getByRole('rowheader', { name: '総合案内' }).waitFor();
    await reports.getByLabel('単位', { exact: true }).selectOption('month');
    await reports.getByLabel('集計の単位').selectOption('operator');
    await reports.getByRole('button', { name: '表示' }).click();
    await reports.getByRole('rowheader', { name: '佐藤' }).waitFor();
    expect(await reports.getByRole('link', { name: 'CSV をダウンロード' }).getAttribute('href')).toMatch(
      /\/reports\?period=month&from=\d{4}-\d{2}&to=\d{4}-\d{2}&by=operator&format=csv$/,
    );
    expect(await accessibilityViolations(kpis)).toEqual([]);

    const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
    await supervisor.request('POST', '/api/actions/contact-center.setClosureDay', {
      body: { date: today, closed: true, reason: '臨時休業' },
    });
    await supervisor.request('POST', '/api/actions/contact-center.saveServiceHours', {
      body: {
        weekly: [0, 1, 2, 3, 4, 5, 6].map((weekday) => ({ weekday, opens: '00:00', closes: '24:00' })),
        publicHolidaysClosed: true,
      },
    });
    await engine.principal('resident', 'cc-jiro', [ROLE.resident]);
    const jiroContext = await browser.newContext({ locale: 'ja-JP', viewport: { width: 900, height: 900 } });
    await jiroContext.request.post(`${origin}/api/auth/login`, {
      data: { username: 'cc-jiro', password: 'cc-jiro-password-1' },
    });
    const afterHours = await jiroContext.newPage();
    afterHours.on('pageerror', (error) => problems.push(error.message));
    await afterHours.goto(`${origin}/chat`);
    await afterHours.getByRole('button', { name: 'チャットを始める' }).click();
    await afterHours.getByText('受付時間外です。折り返しのご連絡を依頼できます。').waitFor();
    await afterHours.getByLabel('ご希望の日時').fill('2099-04-01T10:00');
    await afterHours.getByLabel('電話番号（ログインしていない場合は必須）').fill('011-211-2111');
    await afterHours.getByRole('button', { name: '折り返しを依頼する' }).click();
    await afterHours.getByText('折り返しのご依頼を承りました。', { exact: true }).waitFor();
    expect(await accessibilityViolations(afterHours)).toEqual([]);
    await screenshot(afterHours, 'contact-center-after-hours-callback');
    const callbacks = await operator.request('GET', '/api/plugins/contact-center/callbacks');
    expect(callbacks.body.callbacks.map((c: { phone: string }) => c.phone)).toEqual(['011-211-2111']);
    expect(problems).toEqual([]);
  }, 180_000);
});
