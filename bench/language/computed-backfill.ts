import type { EntityMetadata } from '../../engine/src/metadata/index.ts';
import { startInvoiceFixture } from '../language-compute/fixture.ts';
import { withBenchDatabase } from '../lib/bench-database.ts';
import { formatTable } from '../lib/table.ts';

const INVOICES = 1_000_000;
/** Seconds the publish that adds a computed field to a million rows may take. */
const TARGET_SECONDS = 10;

const NEW_FIELD = {
  name: 'largestLine',
  type: 'decimal',
  label: { ja: '最大の明細', en: 'Largest line' },
  precision: 14,
  scale: 2,
  compute: { max: { mul: [{ fact: 'quantity' }, { fact: 'unitPrice' }] }, of: 'lines' },
} as const;

/**
 * Publishes a new computed field (the largest line of each invoice) on a million invoices
 * with 1.5 million lines: the migration's backfill is one set-based UPDATE … FROM the
 * lines grouped once. The baseline, in the same run on the same rows, is the same value
 * written with a correlated subquery per invoice — what a row-at-a-time backfill amounts to.
 */
export async function run(): Promise<void> {
  await withBenchDatabase(async (url) => {
    const fixture = await startInvoiceFixture(url);
    try {
      const sql = fixture.engine.live().sql();
      const fillStarted = performance.now();
      await sql.run(
        `insert into app_invoice (id, version, created_at, updated_at, title)
         select ('00000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid, 1, now(), now(), '請求 ' || n
         from generate_series(1, ?) n`,
        [INVOICES],
      );
      await sql.run(
        `insert into app_invoice_line (id, version, created_at, updated_at, invoice_id, description, quantity, unit_price)
         select gen_random_uuid(), 1, now(), now(), ('00000000-0000-4000-8000-' || lpad(n::text, 12, '0'))::uuid,
                '手数料', 1 + (n + k) % 5, 100 + (n * 7 + k * 13) % 900
         from generate_series(1, ?) n, generate_series(0, 1) k where k = 0 or n % 2 = 0`,
        [INVOICES],
      );
      await sql.run('vacuum (analyze) app_invoice');
      await sql.run('vacuum (analyze) app_invoice_line');
      const fillSeconds = (performance.now() - fillStarted) / 1000;
      console.log(`filled ${INVOICES.toLocaleString('en')} invoices and their lines in ${fillSeconds.toFixed(1)} s`);

      const invoice = fixture.engine.live().entities.get('Invoice') as EntityMetadata;
      const publishStarted = performance.now();
      const outcome = await fixture.engine.publish({
        upserts: [{ ...invoice, fields: [...invoice.fields, NEW_FIELD] } as EntityMetadata],
        removals: [],
      });
      const publishSeconds = (performance.now() - publishStarted) / 1000;
      const backfill = outcome.plan.steps.find((step) => step.action === 'backfillComputed');
      if (!outcome.applied || !backfill) throw new Error('the publish did not backfill the new computed field');

      // The publish swapped in a new live generation; the old one's connections are closed.
      const after = fixture.engine.live().sql();
      const baselineStarted = performance.now();
      await after.run(
        `update app_invoice t set largest_line = (select max(c.quantity * c.unit_price) from app_invoice_line c where c.invoice_id = t.id)`,
      );
      const baselineSeconds = (performance.now() - baselineStarted) / 1000;
      const [check] = await after.query<{ wrong: number }>(
        `select count(*)::int as wrong from app_invoice t
         where largest_line is distinct from (select max(c.quantity * c.unit_price) from app_invoice_line c where c.invoice_id = t.id)`,
      );
      console.log('');
      console.log(
        formatTable(
          ['measure', 'seconds', 'vs baseline', 'target'],
          [
            [
              'publish with backfill',
              publishSeconds.toFixed(2),
              `${(baselineSeconds / publishSeconds).toFixed(2)}× faster`,
              `${publishSeconds <= TARGET_SECONDS ? 'met' : 'MISSED'} (≤ ${TARGET_SECONDS} s)`,
            ],
            ['baseline: correlated UPDATE', baselineSeconds.toFixed(2), '1.00×', ''],
          ],
        ),
      );
      console.log(`rows whose stored value differs from the baseline's: ${check?.wrong}`);
      console.log(`backfill step: ${backfill.sql.join('; ')}`);
    } finally {
      await fixture.close();
    }
  });
}
