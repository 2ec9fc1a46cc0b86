import { staffMember, startCrmEngine } from './crm/engine.ts';
import { IMPORT_FILE_ROWS, measureIntake, STATUSES } from './crm/intake.ts';
import { measureOpens, RESIDENTS, seedResidents } from './crm/resident-360.ts';
import { DELIVERIES, measureWebhooks } from './crm/webhooks.ts';
import { withBenchDatabase } from './lib/bench-database.ts';
import { formatTable } from './lib/table.ts';

const ms = (value: number) => value.toFixed(2);
const rate = (value: number) => Math.round(value).toLocaleString('en-US');

/**
 * `npm run bench -- crm`: the resident 360 among RESIDENTS profiles, webhook deliveries per
 * second to a loopback receiver, and the intake of STATUSES application statuses, each beside
 * a baseline measured in the same run. Needs PostgreSQL (`KIBAN_BENCH_DATABASE_URL`).
 */
export async function run(): Promise<void> {
  await withBenchDatabase(async (url) => {
    const bench = await startCrmEngine(url);
    try {
      const clerk = await staffMember(
        bench,
        'bench-clerk',
        ['crm-staff', 'reservations-staff', 'notifications-staff', 'contact-center-supervisor'],
        '環境局',
      );
      const resident = await staffMember(bench, 'bench-resident', [], undefined, 'resident');
      const integrationAdmin = await staffMember(
        bench,
        'bench-integration',
        ['crm-integration-admin'],
        '情報システム課',
      );

      const seeding = performance.now();
      const target = resident.id;
      await seedResidents(bench, '環境局', target);
      console.log(`seeded ${rate(RESIDENTS)} residents in ${((performance.now() - seeding) / 1000).toFixed(1)} s`);
      const opens = await measureOpens(bench, clerk.cookie, target);
      if (opens.entries !== 500) throw new Error(`the 360 answered ${opens.entries} timeline entries, not 500`);
      console.log(
        formatTable(
          ['resident 360 (sequential)', 'p50 ms', 'p99 ms', 'mean ms', 'entries', 'target'],
          [
            [
              'open with 500 timeline entries',
              ms(opens.open.p50),
              ms(opens.open.p99),
              ms(opens.open.mean),
              String(opens.entries),
              opens.open.p99 <= 200 ? 'met (p99 ≤ 200)' : 'missed (p99 ≤ 200)',
            ],
            [
              'baseline: GET one profile (REST)',
              ms(opens.baseline.p50),
              ms(opens.baseline.p99),
              ms(opens.baseline.mean),
              '-',
              `${(opens.open.p99 / opens.baseline.p99).toFixed(1)}× of baseline p99`,
            ],
          ],
        ),
      );

      const hooks = await measureWebhooks(bench, integrationAdmin.cookie);
      console.log(
        formatTable(
          [`webhooks (${rate(DELIVERIES)} deliveries)`, 'per second', 'vs raw', 'target'],
          [
            [
              'queued (event published alone → delivery row)',
              rate(hooks.queuedPerSecond),
              (hooks.queuedPerSecond / hooks.rawPerSecond).toFixed(2),
              '-',
            ],
            [
              'queued (events written together → delivery rows)',
              rate(hooks.handledPerSecond),
              (hooks.handledPerSecond / hooks.rawPerSecond).toFixed(2),
              '-',
            ],
            [
              'delivered (dispatch jobs)',
              rate(hooks.deliveredPerSecond),
              (hooks.deliveredPerSecond / hooks.rawPerSecond).toFixed(2),
              hooks.deliveredPerSecond >= 1000 ? 'met (≥ 1,000/s)' : 'missed (≥ 1,000/s)',
            ],
            ['baseline: raw signed POSTs, same sender, 32 in flight', rate(hooks.rawPerSecond), '1.00', '-'],
          ],
        ),
      );

      const intake = await measureIntake(bench, integrationAdmin.cookie);
      console.log(
        formatTable(
          [`intake (${rate(STATUSES)} statuses)`, 'records/s', 'vs REST', 'seconds'],
          [
            [
              `CSV import, ${rate(IMPORT_FILE_ROWS)} rows a file`,
              rate(intake.importPerSecond),
              (intake.importPerSecond / intake.restPerSecond).toFixed(2),
              intake.seconds.toFixed(1),
            ],
            ['baseline: one REST create per record', rate(intake.restPerSecond), '1.00', '-'],
          ],
        ),
      );
    } finally {
      await bench.close();
    }
  });
}
