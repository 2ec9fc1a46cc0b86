import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, TEST_ADMIN_PASSWORD, type TestEngine } from '../../../engine/src/testing/index.ts';
import { accessibilityViolations, launchChromium, screenshot } from '../../../test/e2e/support/browser.ts';
import { buildPortals } from '../../../test/e2e/support/portal-server.ts';
import notifications from '../src/index.ts';

/**
 * The resident pages in Chromium against the engine: "my benefits and events" as a list, a
 * calendar and a map (a coordinate plot without tiles, Leaflet with them), the preferences
 * page with consent and history — all free of WCAG 2.1 AA violations.
 */
describe('notifications resident pages in Chromium', () => {
  let engine: TestEngine;
  let browser: Browser;
  let origin: string;
  let close: () => Promise<void>;
  let admin: Awaited<ReturnType<TestEngine['signIn']>>;

  beforeAll(async () => {
    await buildPortals();
    engine = await startTestEngine('pglite', [], { port: 0 }, { plugins: [notifications] });
    const server = await engine.engine.listen();
    origin = `http://127.0.0.1:${server.port}`;
    close = () => server.close();
    admin = await engine.signIn('admin', TEST_ADMIN_PASSWORD);
    const data = engine.engine.plugins.context('notifications').data({ kind: 'system' });
    await data.create('CatalogueBenefit', {
      title: '児童手当',
      summary: '中学生までの子を育てる方へ',
      category: 'child',
      periodEnd: '2099-03-31',
      url: 'https://www.city.example.jp/jido-teate',
    });
    await data.create('CatalogueBenefit', { title: '高齢者バス助成', category: 'senior', periodEnd: '2099-06-30' });
    // Decided against the resident's own records: not without their consent to reuse the profile.
    await data.create('CatalogueBenefit', {
      title: '北区子育て支援',
      category: 'child',
      periodEnd: '2099-03-31',
      eligibilityEntity: 'CatalogueBenefit',
      eligibility: { fact: 'category', op: 'eq', value: 'child' },
    });
    const today = new Date(Date.now() + 9 * 3_600_000).toISOString().slice(0, 10);
    await data.create('CommunityEvent', {
      title: '駅前まつり',
      category: 'event',
      startsAt: `${today}T01:00:00Z`,
      endsAt: `${today}T08:00:00Z`,
      place: '駅前広場',
      latitude: 43.0687,
      longitude: 141.3508,
    });
    await data.create('CommunityEvent', {
      title: '真駒内スケート教室',
      category: 'event',
      startsAt: '2099-12-10T01:00:00Z',
      endsAt: '2099-12-10T05:00:00Z',
      place: '真駒内',
      latitude: 42.9951,
      longitude: 141.3456,
    });
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await close?.();
    await engine?.close();
  });

  async function residentPage(name: string): Promise<Page> {
    await engine.principal('resident', name, ['notifications-resident']);
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1100, height: 1000 } });
    const page = await context.newPage();
    await context.request.post(`${origin}/api/auth/login`, {
      data: { username: name, password: `${name}-password-1` },
    });
    return page;
  }

  it('lists, searches, shows a calendar and plots the places of my benefits and events', async () => {
    const page = await residentPage('hanako');
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${origin}/benefits`);
    await page.getByRole('heading', { name: '児童手当' }).waitFor();
    await page.getByText('4 件あります。').waitFor();
    await page.getByText(/ほかに 1 件、あなたの登録情報で判定する制度・イベントがあります。/).waitFor();
    expect(await page.getByRole('link', { name: 'プロフィールで同意する' }).getAttribute('href')).toBe('/profile');
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('キーワード').fill('スケート');
    await page.getByRole('button', { name: '検索', exact: true }).click();
    await page.getByText('1 件あります。').waitFor();
    expect(await page.getByRole('heading', { level: 3 }).allTextContents()).toEqual(['真駒内スケート教室']);
    await page.getByLabel('キーワード').fill('');
    await page.getByLabel('種類').selectOption('event');
    await page.getByRole('button', { name: '検索', exact: true }).click();
    await page.getByText('2 件あります。').waitFor();

    await page.getByRole('button', { name: 'カレンダー' }).click();
    await page.getByRole('cell', { name: /駅前まつり/ }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('button', { name: '週', exact: true }).click();
    await page.getByRole('cell', { name: /駅前まつり/ }).waitFor();
    expect(await page.getByRole('row').count()).toBe(2);

    await page.getByRole('button', { name: '地図' }).click();
    await page.getByRole('img', { name: '2 か所の位置（地図の設定がないため座標で表示しています）' }).waitFor();
    await page.getByText(/真駒内スケート教室（真駒内）/).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'notifications-my-benefits-plot');
    expect(problems).toEqual([]);
  });

  it('draws Leaflet over the configured tiles', async () => {
    const stored = await admin.request('PUT', '/api/admin/settings/notifications', {
      body: { map: { tileUrl: '/map-tiles/{z}/{x}/{y}.png', attribution: '© 地図の提供者' } },
    });
    expect(stored.status).toBe(200);
    const page = await residentPage('taro');
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await page.goto(`${origin}/benefits`);
    await page.getByRole('button', { name: '地図' }).click();
    await page.getByRole('region', { name: '制度・イベントの場所' }).waitFor();
    await page.locator('.leaflet-interactive').first().waitFor();
    expect(await page.locator('.leaflet-interactive').count()).toBe(2);
    await page.getByText('© 地図の提供者').waitFor();
    expect(problems).toEqual([]);
  });

  it('sets preferences, consents to personalisation, shows why an item moved up and deletes the history', async () => {
    const page = await residentPage('jiro');
    await page.goto(`${origin}/notification-preferences`);
    await page.getByRole('group', { name: '子育てのお知らせの受け取り方' }).getByLabel('メール').uncheck();
    await page.getByText('保存しました').waitFor();
    await page.getByLabel('閲覧・検索・非表示の操作を記録して、制度・イベントの並び順に使う').check();
    await page.getByText('記録はありません。').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    const preferences = await page.request.get(`${origin}/api/plugins/notifications/preferences`);
    expect((await preferences.json()).preferences).toEqual([{ category: 'child', channel: 'email', enabled: false }]);

    await page.goto(`${origin}/benefits`);
    await page.getByLabel('キーワード').fill('スケート');
    await page.getByRole('button', { name: '検索', exact: true }).click();
    await page.getByText('1 件あります。').waitFor();
    await page.getByLabel('キーワード').fill('');
    await page.getByRole('button', { name: '検索', exact: true }).click();
    await page.getByText('「スケート」で検索したため').waitFor();
    expect(await page.getByRole('heading', { level: 3 }).first().textContent()).toBe('真駒内スケート教室');
    await page.getByRole('button', { name: '興味がない: 高齢者バス助成' }).click();
    await page.getByText('興味がないと記録しました').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.goto(`${origin}/notification-preferences`);
    await page.getByText(/興味がないとした 「高齢者バス助成」/).waitFor();
    await page.getByRole('button', { name: '削除: 検索した 「スケート」' }).click();
    await page.getByText(/検索した 「スケート」/).waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'すべて削除する' }).click();
    await page.getByText('記録はありません。').waitFor();
    const signals = await page.request.get(`${origin}/api/plugins/notifications/my-signals`);
    expect(await signals.json()).toEqual({ enabled: true, signals: [] });
    await screenshot(page, 'notifications-preferences');
  });

  it('shows the LINE link to a resident who is not signed in as the sign-in, then goes on to LINE', async () => {
    const stored = await admin.request('PUT', '/api/admin/settings/notifications', {
      body: { line: { endpoint: 'https://api.line.example', accountLinkEndpoint: 'https://access.line.example' } },
    });
    expect(stored.status).toBe(200);
    await engine.principal('resident', 'saburo', ['notifications-resident']);
    const context = await browser.newContext({ locale: 'ja-JP' });
    const page = await context.newPage();
    // LINE's dialog is not reached from the test: the request to it is the proof.
    await page.route('https://access.line.example/**', (route) => route.fulfill({ body: 'LINE' }));
    const dialog = page.waitForRequest((request) => request.url().startsWith('https://access.line.example/'));

    const response = await page.goto(`${origin}/line-link?linkToken=token-123`);
    expect(response?.status()).toBe(200);
    await page.getByLabel('ユーザー名').fill('saburo');
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('パスワード').fill('saburo-password-1');
    await page.getByRole('button', { name: 'サインインする' }).click();

    const url = new URL((await dialog).url());
    expect(url.pathname).toBe('/dialog/bot/accountLink');
    expect(url.searchParams.get('linkToken')).toBe('token-123');
    expect(url.searchParams.get('nonce')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    await context.close();
  });
});
