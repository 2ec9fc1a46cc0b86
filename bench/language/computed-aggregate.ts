import { type Comparison, compareEndpoint } from '../api/compare.ts';
import { startInvoiceFixture } from '../language-compute/fixture.ts';
import { startHandWrittenInvoices } from '../language-compute/hand-written-invoices.ts';
import { formatInterleaved, loadAverages } from '../language-compute/report.ts';
import { withBenchDatabase } from '../lib/bench-database.ts';
import type { LoadRequest } from '../lib/load.ts';
import { listenOnLoopback } from '../lib/server.ts';

const CONCURRENCY = 8;
// Many short interleaved rounds: a burst of load on the shared machine spoils a round pair, not the median.
const ROUNDS = 12;
const REQUESTS_PER_ROUND = 150;
const LINES = 10;

/** An invoice with ten lines, priced so that the total has cents. */
function invoice(n: number) {
  return {
    title: `証明書交付手数料 ${n}`,
    lines: Array.from({ length: LINES }, (_, i) => ({
      description: `住民票の写し ${i + 1}`,
      quantity: 1 + ((n + i) % 3),
      unitPrice: (300 + i * 12.5).toFixed(2),
    })),
  };
}

/**
 * Create of a parent with ten line items and a stored computed total: the generated API
 * (`POST /api/data/Invoice` with `lines`, the total recomputed in the write's transaction)
 * against a hand-written handler that inserts the same rows and sums them in SQL.
 */
export async function run(): Promise<void> {
  await withBenchDatabase(async (url) => {
    const fixture = await startInvoiceFixture(url);
    const handWritten = await startHandWrittenInvoices(url);
    const generatedServer = await listenOnLoopback(fixture.engine.app.fetch);
    const handServer = await listenOnLoopback(handWritten.app.fetch);
    try {
      const sql = fixture.engine.live().sql();
      const create = (url: string, index: number): LoadRequest => ({
        url,
        init: {
          method: 'POST',
          headers: { cookie: fixture.cookie, 'content-type': 'application/json' },
          body: JSON.stringify(invoice(index)),
        },
        expectStatus: 201,
      });
      // Both sides must store the same total, or the comparison measures different work.
      const totals = await Promise.all(
        [`${generatedServer.origin}/api/data/Invoice`, `${handServer.origin}/invoices`].map(async (target) => {
          const request = create(target, 7);
          return ((await (await fetch(request.url, request.init)).json()) as { total: string }).total;
        }),
      );
      if (totals[0] !== totals[1])
        throw new Error(`the totals differ: generated ${totals[0]}, hand-written ${totals[1]}`);
      console.log(`both store the total ${totals[0]} for the same invoice`);
      console.log(`load average before: ${loadAverages()}`);
      const comparison: Comparison = await compareEndpoint(
        {
          name: `create + ${LINES} lines`,
          requestsPerRound: REQUESTS_PER_ROUND,
          generated: (i) => create(`${generatedServer.origin}/api/data/Invoice`, i),
          handWritten: (i) => create(`${handServer.origin}/invoices`, i),
          afterRound: async () => {
            await sql.run('delete from app_invoice_line');
            await sql.run('delete from app_invoice');
          },
        },
        { rounds: ROUNDS, concurrency: CONCURRENCY, log: (line) => console.log(line) },
      );
      console.log(`load average after: ${loadAverages()}`);
      console.log('');
      console.log(formatInterleaved(comparison, CONCURRENCY));
    } finally {
      await generatedServer.close();
      await handServer.close();
      await handWritten.close();
      await fixture.close();
    }
  });
}
