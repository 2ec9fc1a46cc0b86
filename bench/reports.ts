import { withBenchDatabase } from './lib/bench-database.ts';
import { median } from './lib/stats.ts';
import { measureDashboard } from './reports/dashboard.ts';
import { type ReportsFixture, startReportsFixture } from './reports/fixture.ts';

const ROWS = 1_000_000;
const ROUNDS = 5;
const TARGET_MS = 1000;
const TARGET_RATIO = 1.3;

/**
 * A report grouped by ward × month with three measures (count, sum, avg) over a million
 * applications, run through `POST /api/reports/:name/run` by an analyst who reads every row
 * and by a ward office under a row policy (`ward = $principal.ward`). One warm-up each, then
 * ROUNDS rounds alternating who goes first; prints the medians and their ratio. Then the
 * analyst opens a dashboard of six reports over the same million rows cold in Chromium, against
 * the same page with one report (`reports/dashboard.ts`).
 */
export async function run(): Promise<void> {
  const log = (line: string) => console.log(line);
  await withBenchDatabase(async (url) => {
    const fixture = await startReportsFixture(url, ROWS, log);
    try {
      await timed(fixture, fixture.analyst);
      await timed(fixture, fixture.office);
      const analyst: number[] = [];
      const office: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        const order = round % 2 === 0 ? [analyst, office] : [office, analyst];
        for (const samples of order)
          samples.push(await timed(fixture, samples === analyst ? fixture.analyst : fixture.office));
      }
      const admin = median(analyst);
      const policy = median(office);
      const ratio = policy / admin;
      log('');
      log('run                          median ms   runs (ms)');
      log(
        `analyst, every row           ${admin.toFixed(0).padStart(9)}   ${analyst.map((ms) => ms.toFixed(0)).join(', ')}`,
      );
      log(
        `ward office, row policy      ${policy.toFixed(0).padStart(9)}   ${office.map((ms) => ms.toFixed(0)).join(', ')}`,
      );
      log('');
      log(`analyst run            target ≤ ${TARGET_MS} ms: ${admin <= TARGET_MS ? 'met' : 'MISSED'}`);
      log(
        `row policy / analyst   ${ratio.toFixed(2)}×   target ≤ ${TARGET_RATIO}×: ${ratio <= TARGET_RATIO ? 'met' : 'MISSED'}`,
      );
      await measureDashboard(fixture, log);
    } finally {
      await fixture.close();
    }
  });
}

async function timed(fixture: ReportsFixture, cookie: string): Promise<number> {
  const started = performance.now();
  const response = await fixture.engine.app.request('/api/reports/bench-ward-month/run', {
    method: 'POST',
    headers: { cookie, 'content-type': 'application/json' },
    body: '{}',
  });
  const body = (await response.json()) as { cells?: unknown[] };
  const ms = performance.now() - started;
  if (response.status !== 200 || !body.cells?.length)
    throw new Error(`report run answered ${response.status}: ${JSON.stringify(body).slice(0, 300)}`);
  return ms;
}
