import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, TEST_ADMIN_PASSWORD, type TestEngine } from '../../../engine/src/testing/index.ts';
import { accessibilityViolations, launchChromium } from '../../../test/e2e/support/browser.ts';
import { writeQrVideo } from '../../../test/e2e/support/fake-camera.ts';
import { buildPortals } from '../../../test/e2e/support/portal-server.ts';
import payments from '../src/index.ts';
import { grantPoints } from '../src/ledger/index.ts';

const ROOT = resolve(import.meta.dirname, '../../..');
const SECRETS = { secretKey: 'sk_test_pages', webhookSecret: 'whsec_test_pages', qrSigningKey: 'p'.repeat(40) };

/**
 * The plugin's staff pages in Chromium against the engine: the staff console (figures, CSV
 * links, shop review) and the shop page redeeming a typed code, both free of WCAG 2.1 AA
 * violations.
 */
describe('payments pages in Chromium', () => {
  let engine: TestEngine;
  let browser: Browser;
  let origin: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    await buildPortals();
    engine = await startTestEngine(
      'pglite',
      [resolve(import.meta.dirname, 'app')],
      { port: 0 },
      { plugins: [payments] },
    );
    const server = await engine.engine.listen();
    origin = `http://127.0.0.1:${server.port}`;
    close = () => server.close();
    const admin = await engine.signIn('admin', TEST_ADMIN_PASSWORD);
    expect((await admin.request('PUT', '/api/admin/settings/payments', { body: SECRETS })).status).toBe(200);
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await close?.();
    await engine?.close();
  });

  it('shows the console to staff and approves a shop; the shop redeems a typed code', async () => {
    const staff = await engine.principal('staff', 'points-staff', ['payments-staff']);
    const clerk = await engine.principal('staff', 'bakery-clerk', ['payments-shop']);
    const resident = await engine.principal('resident', 'hanako', ['payments-resident']);
    const shop = await clerk.request('POST', '/api/actions/payments.registerShop', {
      body: { kind: 'shop', name: '北区ベーカリー', address: '北区1-2-3', contactEmail: 'bakery@example.jp' },
    });
    await staff.request('POST', '/api/actions/payments.createCampaign', {
      body: {
        name: { ja: '健診ポイント' },
        budget: 5000,
        pointsValidDays: 90,
        startsAt: '2026-01-01T00:00:00Z',
        endsAt: '2030-01-01T00:00:00Z',
      },
    });

    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await context.request.post(`${origin}/api/auth/login`, {
      data: { username: 'points-staff', password: 'points-staff-password-1' },
    });
    await page.goto(`${origin}/staff/plugins/payments/console`);
    await page.getByText('北区ベーカリー（北区1-2-3）').waitFor();
    expect(await page.getByText('健診ポイント: 5,000／5,000 残り').count()).toBe(1);
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByRole('img', { name: '健診ポイント: 0 日間で 0 pt 付与、残り 5,000 pt' }).waitFor();
    await page.getByRole('button', { name: '承認' }).click();
    await page.getByText('北区ベーカリー（北区1-2-3）').waitFor({ state: 'detached' });
    expect(problems).toEqual([]);

    const definition = await staff.request('POST', '/api/actions/payments.defineCoupon', {
      body: {
        kind: 'ticket',
        name: { ja: '市民プール入場券' },
        service: 'pool-entry',
        validFrom: '2026-01-01T00:00:00Z',
        validUntil: '2030-01-01T00:00:00Z',
        perResidentLimit: 1,
        totalStock: 10,
      },
    });
    expect(definition.status).toBe(200);
    const sql = engine.engine.plugins.context('payments').sql;
    const hanako = (await resident.request('GET', '/api/auth/me')).body.principal.id;
    const issued = await sql.query<{ id: string }>(
      `insert into coupon (definition_id, resident_id) values ($1, $2) returning id`,
      [definition.body.id, hanako],
    );
    const shown = await resident.request('POST', '/api/actions/payments.showCoupon', {
      body: { couponId: issued.rows[0]?.id },
    });

    const shopContext = await browser.newContext({ locale: 'ja-JP' });
    const shopPage = await shopContext.newPage();
    await shopContext.request.post(`${origin}/api/auth/login`, {
      data: { username: 'bakery-clerk', password: 'bakery-clerk-password-1' },
    });
    await shopPage.goto(`${origin}/staff/plugins/payments/redeem`);
    await shopPage.getByLabel('提示されたコード').fill(shown.body.code.replace('-', '').toLowerCase());
    expect(await accessibilityViolations(shopPage)).toEqual([]);
    await shopPage.getByRole('button', { name: '使用済みにする' }).click();
    await shopPage.getByText('使用済みにしました: 市民プール入場券').waitFor();
    await shopPage.getByLabel('提示されたコード').fill(shown.body.code);
    await shopPage.getByRole('button', { name: '使用済みにする' }).click();
    await shopPage.getByText(/この提示は既に使用済み/).waitFor();
    await shopPage.screenshot({ path: resolve(ROOT, 'test-output/screenshots/payments-redeem.png') });
    await page.reload();
    await page.getByRole('cell', { name: '北区ベーカリー' }).waitFor();
    await page.getByLabel('住民の ID').fill(hanako);
    await page.getByLabel('ポイント（減らすときは負の数）').fill('30');
    await page.getByLabel('理由（5 文字以上）').fill('窓口での付与漏れ');
    await page.getByRole('button', { name: '申請する' }).click();
    await page.getByText(`${hanako} +30 pt「窓口での付与漏れ」`).waitFor();
    // The requester cannot approve it.
    await page
      .getByRole('listitem')
      .filter({ hasText: '窓口での付与漏れ' })
      .getByRole('button', { name: '承認' })
      .click();
    await page.getByText('申請した職員とは別の職員が承認してください。').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: resolve(ROOT, 'test-output/screenshots/payments-console.png') });
    expect(shop.status).toBe(200);
  }, 180_000);

  it("redeems a coupon scanned by the shop page's camera (jsQR)", async () => {
    const resident = await engine.principal('resident', 'saburo', ['payments-resident']);
    const saburo = (await resident.request('GET', '/api/auth/me')).body.principal.id;
    const ctx = engine.engine.plugins.context('payments');
    const definitions = await ctx.sql.query<{ id: string }>('select id from coupon_definition limit 1');
    const issued = await ctx.sql.query<{ id: string }>(
      'insert into coupon (definition_id, resident_id) values ($1, $2) returning id',
      [definitions.rows[0]?.id, saburo],
    );
    const shown = await resident.request('POST', '/api/actions/payments.showCoupon', {
      body: { couponId: issued.rows[0]?.id },
    });
    const video = join(await mkdtemp(join(tmpdir(), 'kiban-camera-')), 'qr.y4m');
    await writeQrVideo(video, shown.body.token);
    const cameraBrowser = await launchChromium([
      '--use-fake-ui-for-media-stream',
      '--use-fake-device-for-media-stream',
      `--use-file-for-fake-video-capture=${video}`,
    ]);
    try {
      const context = await cameraBrowser.newContext({ locale: 'ja-JP', permissions: ['camera'] });
      const page = await context.newPage();
      await context.request.post(`${origin}/api/auth/login`, {
        data: { username: 'bakery-clerk', password: 'bakery-clerk-password-1' },
      });
      await page.goto(`${origin}/staff/plugins/payments/redeem`);
      await page.getByRole('button', { name: 'カメラで読み取る' }).click();
      await page.getByText('使用済みにしました: 市民プール入場券').waitFor();
      const coupon = await ctx.sql.query('select status from coupon where id = $1', [issued.rows[0]?.id]);
      expect(coupon.rows[0]).toEqual({ status: 'redeemed' });
    } finally {
      await cameraBrowser.close();
    }
  });

  it('shows a resident their points, what expires when, and a coupon as a QR code', async () => {
    const resident = await engine.principal('resident', 'jiro', ['payments-resident']);
    const jiro = (await resident.request('GET', '/api/auth/me')).body.principal.id;
    const ctx = engine.engine.plugins.context('payments');
    const campaigns = await ctx.sql.query<{ id: string }>('select id from campaign limit 1');
    await ctx.transaction({ kind: 'system' }, () =>
      grantPoints(ctx.sql, {
        idempotencyKey: 'page-grant',
        campaignId: String(campaigns.rows[0]?.id),
        residentId: jiro,
        points: 1200,
        expiresAt: new Date('2029-03-31T15:00:00Z'),
        reason: 'test',
      }),
    );
    const definitions = await ctx.sql.query<{ id: string }>('select id from coupon_definition limit 1');
    await ctx.sql.query('insert into coupon (definition_id, resident_id) values ($1, $2)', [
      definitions.rows[0]?.id,
      jiro,
    ]);

    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1000, height: 1100 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await context.request.post(`${origin}/api/auth/login`, { data: { username: 'jiro', password: 'jiro-password-1' } });
    await page.goto(`${origin}/points`);
    await page.getByText('1,200 pt').first().waitFor();
    // The portal shows 和暦 unless the reader chooses the Gregorian calendar.
    await page.getByText('令和11年4月1日: 1,200 pt').waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.getByLabel('日付の表し方').selectOption('gregory');
    await page.getByText('2029/4/1: 1,200 pt').waitFor();
    expect(await page.getByText('令和11年4月1日: 1,200 pt').count()).toBe(0);
    await page.getByRole('button', { name: '提示する' }).click();
    await page.getByRole('img', { name: 'お店の方に読み取ってもらう QR コード' }).waitFor();
    await page.getByText(/入力用コード: [0-9A-Z]{5}-[0-9A-Z]{5}/).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.screenshot({ path: resolve(ROOT, 'test-output/screenshots/payments-wallet.png') });
    expect(problems).toEqual([]);
  });

  it('defines a campaign and a coupon, previews a segment and distributes it within the per-resident limit', async () => {
    await engine.principal('staff', 'coupon-planner', ['payments-staff', 'checkup-staff']);
    const ctx = engine.engine.plugins.context('payments');
    const examinees = await Promise.all(
      ['ichiro', 'shiro'].map(async (name) => {
        const resident = await engine.principal('resident', name, ['payments-resident']);
        return String((await resident.request('GET', '/api/auth/me')).body.principal.id);
      }),
    );
    const data = ctx.data({ kind: 'system' });
    for (const owner of examinees) await data.create('Checkup', { ward: '北区', status: 'booked', owner });
    await data.create('Checkup', { ward: '北区', status: 'cancelled', owner: examinees[0] });

    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1200, height: 1400 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (error) => problems.push(error.message));
    await context.request.post(`${origin}/api/auth/login`, {
      data: { username: 'coupon-planner', password: 'coupon-planner-password-1' },
    });
    await page.goto(`${origin}/staff/plugins/payments/definitions`);
    await page.getByLabel('キャンペーン名').fill('子育て応援ポイント');
    await page.getByLabel('予算（ポイント）').fill('20000');
    await page.getByLabel('付与したポイントの有効日数').fill('365');
    await page.getByLabel('開始日', { exact: true }).fill('2026-04-01');
    await page.getByLabel('終了日', { exact: true }).fill('2026-03-31');
    await page.getByRole('button', { name: 'キャンペーンを作る' }).click();
    await page.getByText(/^保存できませんでした: キャンペーンの期間/).waitFor();
    expect(await page.getByLabel('終了日', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await page.getByLabel('終了日', { exact: true }).fill('2027-03-31');
    await page.getByRole('button', { name: 'キャンペーンを作る' }).click();
    await page.getByText('子育て応援ポイント: 20,000 pt（2026-04-01〜2027-03-31）').waitFor();

    await page.getByLabel('種類').selectOption('coupon');
    await page.getByLabel('クーポン・チケット名').fill('商店街 500 円券');
    await page.getByLabel('額面（円、クーポンのとき）').fill('500');
    await page.getByLabel('有効期間の開始日').fill('2026-04-01');
    await page.getByLabel('有効期間の終了日').fill('2030-03-31');
    await page.getByLabel('発行総数').fill('100');
    await page.getByRole('button', { name: 'クーポン・チケットを定義する' }).click();
    await page.getByText(/商店街 500 円券（500円） 2026-04-01〜2030-03-31 発行済み 0／100/).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);

    await page.getByLabel('配布するクーポン・チケット').selectOption({ label: '商店街 500 円券' });
    await page.getByLabel('対象のエンティティ（例: Resident）').fill('Checkup');
    await page.getByLabel('公開済みのセグメント（ルール）名').fill('checkup-booked');
    await page.getByRole('button', { name: '対象の人数を確かめる' }).click();
    await page.getByText('対象: 2 件').waitFor();
    await page.getByRole('button', { name: '配布する' }).click();
    await page.getByText('2 枚を配布しました').waitFor();
    // Sent again after it succeeded: a new distribution, which the per-resident limit keeps empty.
    await page.getByRole('button', { name: '配布する' }).click();
    await page.getByText('保存できませんでした: 対象となる住民がいません。').waitFor();
    const issued = await ctx.sql.query<{ count: string }>(
      `select count(*) from coupon c join coupon_definition d on d.id = c.definition_id where d.name_ja = $1`,
      ['商店街 500 円券'],
    );
    expect(Number(issued.rows[0]?.count)).toBe(2);
    expect(await accessibilityViolations(page)).toEqual([]);
    expect(problems).toEqual([]);
  }, 180_000);
});
