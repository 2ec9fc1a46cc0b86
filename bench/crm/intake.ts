import type { CrmBenchEngine } from './engine.ts';

export const STATUSES = Number(process.env.CRM_BENCH_STATUSES ?? 100_000);
/** Rows a file: 500 by default, as the earlier runs sent; the engine's body limit (1 MiB) allows about 15,000. */
export const IMPORT_FILE_ROWS = Number(process.env.CRM_BENCH_FILE_ROWS ?? 500);
const BASELINE_ROWS = 1_000;

export interface IntakeNumbers {
  importPerSecond: number;
  restPerSecond: number;
  seconds: number;
}

function csvOf(from: number, count: number): string {
  const lines = ['externalId,status,statusAt,title'];
  for (let i = from; i < from + count; i += 1) lines.push(`APP-${i},received,2026-12-01T09:00:00+09:00,保育所入所申込`);
  return lines.join('\n');
}

/**
 * STATUSES application statuses through the CSV import in files of IMPORT_FILE_ROWS rows (each applied in
 * one transaction), against the baseline of creating application records one REST request each.
 */
export async function measureIntake(bench: CrmBenchEngine, integrationAdmin: string): Promise<IntakeNumbers> {
  const path = '/api/plugins/crm/systems/bench/statuses/import';
  const from = performance.now();
  for (let start = 0; start < STATUSES; start += IMPORT_FILE_ROWS) {
    const response = await bench.request(
      'POST',
      path,
      integrationAdmin,
      csvOf(start, Math.min(IMPORT_FILE_ROWS, STATUSES - start)),
      {
        'content-type': 'text/csv',
      },
    );
    if (response.status !== 200) throw new Error(`import answered ${response.status}: ${await response.text()}`);
  }
  const seconds = (performance.now() - from) / 1000;

  const system = await bench.engine
    .live()
    .sql()
    .query<{ id: string }>(`select id from app_integration_system where code = 'bench'`);
  const restFrom = performance.now();
  for (let i = 0; i < BASELINE_ROWS; i += 1) {
    const response = await bench.request(
      'POST',
      '/api/data/ExternalApplication',
      bench.adminCookie,
      JSON.stringify({
        system: system[0]?.id,
        externalId: `REST-${i}`,
        status: 'received',
        statusAt: '2026-12-01T00:00:00Z',
      }),
    );
    if (response.status !== 201) throw new Error(`REST create answered ${response.status}: ${await response.text()}`);
  }
  const restSeconds = (performance.now() - restFrom) / 1000;
  return { importPerSecond: STATUSES / seconds, restPerSecond: BASELINE_ROWS / restSeconds, seconds };
}
