import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import type { Browser } from 'playwright-core';
import type { MetadataItem } from '../../engine/src/metadata/index.ts';
import { launchChromium } from '../../test/e2e/support/browser.ts';
import { median } from '../lib/stats.ts';
import type { ReportsFixture } from './fixture.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const ROUNDS = 5;

const report = (name: string, label: string, extra: Record<string, unknown>) =>
  ({ kind: 'report', name, label: { ja: label }, entity: 'BenchApplication', ...extra }) as MetadataItem;
const count = { name: 'applications', label: { ja: '件数' }, op: 'count' };

/** Five more reports over the same applications; with the ward × month one, the six of the dashboard. */
const REPORTS: MetadataItem[] = [
  report('bench-by-ward', '区別', { groupBy: [{ field: 'ward' }], measures: [count], chart: { type: 'bar' } }),
  report('bench-by-month', '月別', {
    groupBy: [{ field: 'appliedOn', name: 'month', bucket: 'month' }],
    measures: [count, { name: 'amount', label: { ja: '金額計' }, op: 'sum', field: 'amount' }],
    chart: { type: 'line' },
  }),
  report('bench-by-fiscal-year', '年度別', {
    groupBy: [{ field: 'appliedOn', name: 'fiscalYear', bucket: 'fiscalYear' }],
    measures: [count],
    chart: { type: 'pie' },
  }),
  report('bench-amount-by-ward', '区別の金額', {
    groupBy: [{ field: 'ward' }],
    measures: [{ name: 'amount', label: { ja: '金額計' }, op: 'sum', field: 'amount' }],
    chart: { type: 'donut' },
  }),
  report('bench-total', '総数', {
    measures: [count, { name: 'days', label: { ja: '平均処理日数' }, op: 'avg', field: 'days' }],
    chart: { type: 'kpi' },
  }),
];

/** A dashboard and the staff page that shows it. */
function dashboardPage(name: string, reports: { report: string; width: number; chart?: { type: string } }[]) {
  return [
    { kind: 'dashboard', name, label: { ja: name }, reports },
    {
      kind: 'page',
      name: `staff-${name}`,
      label: { ja: name },
      portal: 'staff',
      route: `/${name}`,
      layout: [{ type: 'component', tag: 'kiban-dashboard', props: { name } }],
    },
  ] as MetadataItem[];
}

const SIX = dashboardPage('bench-six', [
  { report: 'bench-ward-month', width: 12, chart: { type: 'stackedBar' } },
  { report: 'bench-by-ward', width: 6 },
  { report: 'bench-by-month', width: 6 },
  { report: 'bench-by-fiscal-year', width: 4 },
  { report: 'bench-amount-by-ward', width: 4 },
  { report: 'bench-total', width: 4 },
]);
const ONE = dashboardPage('bench-one', [{ report: 'bench-by-ward', width: 12 }]);

/**
 * The staff portal's dashboard of six reports over the fixture's applications, opened cold in
 * the Debian Chromium (headless): each open is a new browser context (no cache, no session
 * state but the cookie), timed from navigation start to the dashboard's `kiban-dashboard-drawn`
 * (every chart drawn and painted, every table in place). The baseline in the same run is the
 * same page with one report. One warm-up each, then ROUNDS rounds alternating which goes first.
 */
export async function measureDashboard(fixture: ReportsFixture, log: (line: string) => void): Promise<void> {
  execFileSync(process.execPath, [resolve(ROOT, 'runtime-ui/scripts/build.ts')], { cwd: ROOT, stdio: 'ignore' });
  await fixture.engine.publish({ upserts: [...REPORTS, ...SIX, ...ONE], removals: [] });
  const server = await fixture.engine.listen();
  const origin = `http://127.0.0.1:${server.port}`;
  let browser: Browser | undefined;
  try {
    browser = await launchChromium();
    const open = (name: string) => openCold(browser as Browser, origin, fixture.analyst, name);
    await open('bench-six');
    await open('bench-one');
    const six: number[] = [];
    const one: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const order = round % 2 === 0 ? [six, one] : [one, six];
      for (const samples of order) samples.push(await open(samples === six ? 'bench-six' : 'bench-one'));
    }
    const ratio = median(six) / median(one);
    log('');
    log('dashboard opened cold        median ms   runs (ms)');
    log(
      `one report (baseline)        ${median(one).toFixed(0).padStart(9)}   ${one.map((ms) => ms.toFixed(0)).join(', ')}`,
    );
    log(
      `six reports                  ${median(six).toFixed(0).padStart(9)}   ${six.map((ms) => ms.toFixed(0)).join(', ')}`,
    );
    log(`six / one                    ${ratio.toFixed(2)}×`);
  } finally {
    await browser?.close();
    await server.close();
  }
}

/** Milliseconds from navigation start to the dashboard's signal that its last chart is drawn. */
async function openCold(browser: Browser, origin: string, cookie: string, dashboard: string): Promise<number> {
  const context = await browser.newContext({ locale: 'ja-JP', viewport: { width: 1280, height: 1000 } });
  try {
    const [name, value] = cookie.split('=');
    await context.addCookies([{ name, value, url: origin }]);
    await context.addInitScript(() => {
      document.addEventListener('kiban-dashboard-drawn', () => {
        (window as unknown as { drawnAt?: number }).drawnAt ??= performance.now();
      });
    });
    const page = await context.newPage();
    await page.goto(`${origin}/staff/${dashboard}`);
    await page.locator('kiban-dashboard[data-drawn]').waitFor({ state: 'attached', timeout: 120_000 });
    return await page.evaluate(() => (window as unknown as { drawnAt: number }).drawnAt);
  } finally {
    await context.close();
  }
}
