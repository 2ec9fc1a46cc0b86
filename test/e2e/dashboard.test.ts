import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { accessibilityViolations, launchChromium } from './support/browser.ts';
import { type PortalServer, startPortalServer } from './support/portal-server.ts';

const SUBSIDY = resolve(import.meta.dirname, '../../examples/subsidy-application/metadata');

/**
 * A section chief opens the subsidy dashboard in the staff portal: both reports run under
 * their policies, the charts load lazily and draw, the tables show the suppressed cells as ＊,
 * the page passes axe, and a cell drills down to its records.
 */
describe('a dashboard in the staff portal in Chromium', () => {
  let server: PortalServer;
  let browser: Browser;

  beforeAll(async () => {
    server = await startPortalServer([SUBSIDY]);
    await server.host.principal('staff', 'chief1', ['subsidy-manager']);
    await server.host.engine
      .live()
      .sql()
      .run(
        `insert into app_subsidy_application (id, version, created_at, updated_at, applicant_name, program, purpose, amount, status)
         select gen_random_uuid(), 1, now(), now(), '申請者' || n, (array['homeInsulation', 'childcare', 'shopRenovation'])[1 + n % 3],
                '目的', 10000 * n, case when n <= 20 then 'submitted' else 'approved' end
           from generate_series(1, 22) n`,
      );
    browser = await launchChromium();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('draws every report with its table, suppresses small cells and drills down', async () => {
    const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1200, height: 900 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${server.origin}/staff`);
    await page.getByLabel('ユーザー名').fill('chief1');
    await page.getByLabel('パスワード').fill('chief1-password-1');
    await page.getByRole('button', { name: 'サインインする' }).click();
    await page.getByRole('navigation').getByRole('link', { name: '補助金申請の概況' }).click();
    await page.locator('kiban-report .chart svg').nth(1).waitFor();
    expect(await page.locator('kiban-report').count()).toBe(2);
    expect(await page.locator('kiban-report tbody abbr[title="秘匿"]').count()).toBeGreaterThan(0);
    // The section chief may schedule the report by email: the form is on the page.
    await page.getByRole('heading', { name: 'メール配信の予約' }).waitFor();
    expect(await accessibilityViolations(page)).toEqual([]);
    await page.locator('kiban-report tbody th button').first().click();
    await page.locator('kiban-report #drill-title ~ ul a').first().waitFor();
    expect(await page.locator('kiban-report #drill-title ~ ul a').count()).toBeGreaterThan(0);
    expect(errors).toEqual([]);
    await context.close();
  });
});
