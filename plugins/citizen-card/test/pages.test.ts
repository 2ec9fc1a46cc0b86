import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, TEST_ADMIN_PASSWORD, type TestEngine } from '../../../engine/src/testing/index.ts';
import { accessibilityViolations, launchChromium } from '../../../test/e2e/support/browser.ts';
import citizenCard from '../src/index.ts';
import { SETTINGS } from './support.ts';

/**
 * The offline card page and the facility check in Chromium: a resident signed in with public
 * authentication gets a card, shows the gym's QR code; the facility page verifies it from its
 * cached trust data; after a revocation and a refresh it refuses. Both pages are free of WCAG
 * 2.1 AA violations.
 */
describe('citizen card pages in Chromium', () => {
  let engine: TestEngine;
  let browser: Browser;
  let origin: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    engine = await startTestEngine('pglite', [], { port: 0 }, { plugins: [citizenCard] });
    const server = await engine.engine.listen();
    origin = `http://127.0.0.1:${server.port}`;
    close = () => server.close();
    const admin = await engine.signIn('admin', TEST_ADMIN_PASSWORD);
    const settings = { ...SETTINGS, publicOrigin: origin };
    expect((await admin.request('PUT', '/api/admin/settings/citizen-card', { body: settings })).status).toBe(200);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await close?.();
    await engine?.close();
  });

  /** The presentation the page shows: its QR code is drawn, and the same text is offered to copy. */
  async function shownPresentation(page: Page): Promise<string> {
    await page.getByRole('img', { name: /QR コード/ }).waitFor();
    return page.getByLabel('このコードをコピーして渡してください', { exact: false }).inputValue();
  }

  it('issues a card, shows only what the gym asks for, and the facility verifies it offline until revoked', async () => {
    const registrar = await engine.principal('staff', 'registrar', ['citizen-card-registrar']);
    const resident = await engine.principal('resident', 'hanako', ['citizen-card-resident']);
    const residentId = (await resident.request('GET', '/api/auth/me')).body.principal.id;
    await registrar.request('POST', '/api/actions/citizen-card.recordResident', {
      body: {
        principalId: residentId,
        name: '市民 花子',
        birthDate: '1990-04-01',
        ward: '東灘',
        householdId: 'h-1',
        status: 'resident',
      },
    });
    const identity = engine.engine.plugins.context('citizen-card').identity;
    const session = await identity.startSession(
      residentId,
      { method: 'sandbox-jpki', assurance: 'jpki' },
      { ttlSeconds: 3600 },
    );

    const holder = await browser.newContext({ locale: 'ja-JP' });
    await holder.addCookies([{ name: session.cookieName, value: session.token, url: origin }]);
    const card = await holder.newPage();
    const problems: string[] = [];
    card.on('pageerror', (error) => problems.push(error.message));
    await card.goto(`${origin}/api/public/citizen-card/offline/card`);
    await card.getByRole('button', { name: '市民カードを発行する' }).click();
    await card.getByText('東灘').waitFor();
    await card.getByLabel('提示先').selectOption('gym');
    await card.getByRole('button', { name: 'QR コードを表示' }).click();
    const presentation = await shownPresentation(card);
    expect(await accessibilityViolations(card)).toEqual([]);

    const facility = await browser.newContext({ locale: 'ja-JP' });
    const desk = await facility.newPage();
    desk.on('pageerror', (error) => problems.push(error.message));
    await desk.goto(`${origin}/api/public/citizen-card/offline/verify`);
    await desk.getByText('失効情報の取得から').waitFor();
    await desk.getByLabel('提示先').selectOption('gym');
    await facility.setOffline(true);
    await desk.getByLabel('提示内容').fill(presentation);
    await desk.getByRole('button', { name: '確認する' }).click();
    await desk.getByText('有効なカードです').waitFor();
    expect(await desk.getByText('18 歳以上').count()).toBe(1);
    expect(await desk.getByText('生年月日').count()).toBe(0);
    expect(await accessibilityViolations(desk)).toEqual([]);
    await desk.getByRole('button', { name: '確認する' }).click();
    await desk.getByText('この提示は既に使われています').waitFor();

    expect(
      (await registrar.request('POST', '/api/actions/citizen-card.revoke', { body: { principalId: residentId } }))
        .status,
    ).toBe(200);
    await facility.setOffline(false);
    await desk.reload();
    await desk.getByText('失効情報の取得から').waitFor();
    await card.getByRole('button', { name: 'QR コードを表示' }).click();
    await desk.getByLabel('提示先').selectOption('gym');
    await desk.getByLabel('提示内容').fill(await shownPresentation(card));
    await desk.getByRole('button', { name: '確認する' }).click();
    await desk.getByText('このカードは失効しています').waitFor();
    expect(problems).toEqual([]);
    await holder.close();
    await facility.close();
  }, 240_000);
});
