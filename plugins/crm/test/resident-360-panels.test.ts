import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestClient, type TestEngine } from '../../../engine/src/testing/index.ts';
import { accessibilityViolations, launchChromium, screenshot } from '../../../test/e2e/support/browser.ts';
import { withUiBuildLock } from '../../../test/e2e/support/portal-server.ts';
import { createContactCenterPlugin } from '../../contact-center/src/index.ts';
import notifications from '../../notifications/src/index.ts';
import reservations from '../../reservations/src/index.ts';
import { createCrmPlugin } from '../src/index.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const SYSTEM = { kind: 'system' } as const;
const EVERY_DAY = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((day) => [day, [['00:00', '24:00']]]),
);

/**
 * The resident 360 in Chromium with the panels reservations, notifications and the contact
 * centre contribute: what a member of staff with their roles sees (reservations, notices, a chat
 * transcript opened on request), and the plain refusals a member of staff without them sees —
 * both free of WCAG 2.1 AA violations.
 */
describe('the resident 360 with the panels of reservations, notifications and the contact centre', () => {
  let engine: TestEngine;
  let browser: Browser;
  let origin: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    await withUiBuildLock(() => {
      execFileSync(process.execPath, [resolve(ROOT, 'runtime-ui/scripts/build.ts')], { cwd: ROOT, stdio: 'pipe' });
      execFileSync(process.execPath, [resolve(ROOT, 'plugins/crm/scripts/build-ui.ts')], { cwd: ROOT, stdio: 'pipe' });
    });
    engine = await startTestEngine(
      'pglite',
      [],
      { port: 0 },
      { plugins: [createCrmPlugin(), reservations, notifications, createContactCenterPlugin()] },
    );
    const server = await engine.engine.listen();
    origin = `http://127.0.0.1:${server.port}`;
    close = () => server.close();
    const clerk = await engine.principal('staff', 'clerk', [
      'crm-staff',
      'reservations-staff',
      'notifications-staff',
      'contact-center-supervisor',
    ]);
    await engine.principal('staff', 'desk', ['crm-staff']);
    const hanako: TestClient = await engine.principal('resident', 'hanako', [
      'crm-resident',
      'reservations-resident',
      'notifications-resident',
      'contact-center-resident',
    ]);
    const hanakoId = (await hanako.request('GET', '/api/auth/me')).body.principal.id;
    await engine.engine.plugins.context('crm').data(SYSTEM).create('ResidentProfile', {
      principal: hanakoId,
      fullName: '札幌 花子',
      fullNameKana: 'サッポロ ハナコ',
      birthDate: '1980-04-01',
      phone: '011-211-2111',
    });
    const places = engine.engine.plugins.context('reservations').data(SYSTEM);
    const gym = await places.create('Facility', { name: '北区体育館', ward: '北区', openingHours: EVERY_DAY });
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
    const slot = await places.create('Slot', {
      facility: gym.id,
      date: tomorrow,
      startTime: '10:00',
      endTime: '12:00',
      capacity: 10,
    });
    const booked = await hanako.request('POST', '/api/actions/reservations.book', {
      body: { slotId: slot.id, contactName: '札幌 花子', partySize: 2 },
    });
    expect(booked.status).toBe(200);
    const notice = await clerk.request('POST', '/api/actions/notifications.issueNotice', {
      body: { recipient: hanakoId, category: 'tax', title: '住民税決定通知', body: '令和8年度の住民税額は…' },
    });
    expect(notice.status).toBe(200);
    const chat = await hanako.request('POST', '/api/actions/contact-center.start', { body: {} });
    expect(chat.status).toBe(200);
    const sent = await hanako.request('POST', '/api/actions/contact-center.send', {
      body: { conversationId: chat.body.id, clientId: 'page-test-1', body: '粗大ごみの出し方を教えてください' },
    });
    expect(sent.status).toBe(200);
    await engine.engine.plugins.settled();
    browser = await launchChromium();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await close?.();
    await engine?.close();
  });

  async function open360(username: string): Promise<{ context: BrowserContext; page: Page; problems: string[] }> {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 1000 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await context.request.post(`${origin}/api/auth/login`, {
      data: { username, password: `${username}-password-1` },
    });
    await page.goto(`${origin}/staff/plugins/crm/resident`);
    await page.getByLabel('電話番号またはカナ氏名').fill('011-211-2111');
    await page.getByRole('button', { name: '探す' }).click();
    await page.getByRole('radio', { name: /札幌 花子/ }).waitFor();
    await page.getByRole('combobox', { name: '閲覧の理由' }).selectOption({ label: '電話対応' });
    await page.getByRole('button', { name: '開く' }).click();
    await page.getByRole('heading', { name: '札幌 花子', level: 2 }).waitFor();
    return { context, page, problems };
  }

  it('shows staff with the roles the reservations, the notices and a chat transcript on request', async () => {
    const { context, page, problems } = await open360('clerk');
    const bookings = page.getByRole('region', { name: '施設予約' });
    await bookings
      .getByRole('listitem')
      .filter({ hasText: '北区体育館' })
      .getByText(/10:00–12:00 · 2 人 · 予約済み/)
      .waitFor();
    const notices = page.getByRole('region', { name: '送ったお知らせ' });
    await notices.getByText('住民税決定通知').waitFor();
    await notices.getByText(/公式通知/).waitFor();
    const chats = page.getByRole('region', { name: 'チャットの履歴' });
    const transcript = chats.getByText('粗大ごみの出し方を教えてください', { exact: false });
    await chats.getByText(/対応: オペレーター · 順番待ち/).waitFor();
    expect(await transcript.isVisible()).toBe(false);
    await chats.getByText(/対応: オペレーター/).click();
    await transcript.waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await screenshot(page, 'crm-resident-360-plugin-panels');
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  it('tells staff without the roles plainly that each panel is not theirs to see', async () => {
    const { context, page, problems } = await open360('desk');
    await page
      .getByRole('region', { name: '施設予約' })
      .getByText('この住民の予約は、施設予約の担当職員だけが見られます。')
      .waitFor();
    await page
      .getByRole('region', { name: '送ったお知らせ' })
      .getByText('この住民へのお知らせは、お知らせ配信の担当者だけが見られます。')
      .waitFor();
    await page
      .getByRole('region', { name: 'チャットの履歴' })
      .getByText('この住民のチャット履歴は、窓口の職員だけが見られます。')
      .waitFor();
    expect(await page.getByText('札幌 花子', { exact: false }).count()).toBeGreaterThan(0);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);
});
