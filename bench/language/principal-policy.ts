import { withBenchDatabase } from '../lib/bench-database.ts';
import { median } from '../lib/stats.ts';
import { formatTable } from '../lib/table.ts';
import { type PolicyFixture, startPolicyFixture } from '../principal-policy/fixture.ts';

const ROWS = 1_000_000;
const ROUNDS = 5;
const REQUESTS_PER_ROUND = 200;
const TARGET_RATIO = 1.2;

const QUERIES = [
  { name: 'requests, 20 by ward', path: '/api/data/BenchRequest?limit=20' },
  { name: 'items via request.ward', path: '/api/data/BenchItem?limit=20' },
];

/**
 * A row policy on a principal attribute (`ward = $principal.ward`, and one reference step
 * `request.ward = $principal.ward`) against the same policy with the ward written as a
 * literal, over 1,000,000 rows on PostgreSQL, through the engine's HTTP app in-process. The
 * attribute is bound before compiling, so both should run the same SQL.
 */
export async function run(): Promise<void> {
  const log = (line: string) => console.log(line);
  await withBenchDatabase(async (url) => {
    const fixture = await startPolicyFixture(url, ROWS, log);
    try {
      const rows: string[][] = [];
      for (const query of QUERIES) {
        const result = await compare(fixture, query.path);
        const ratio = result.attribute / result.literal;
        rows.push([
          query.name,
          result.attribute.toFixed(2),
          result.literal.toFixed(2),
          `${ratio.toFixed(2)}×`,
          ratio <= TARGET_RATIO ? `met (≤ ${TARGET_RATIO})` : `MISSED (≤ ${TARGET_RATIO})`,
        ]);
      }
      log('');
      log(formatTable(['query (1,000,000 rows)', 'attribute ms', 'literal ms', 'ratio', 'target'], rows));
      log('(median per-request latency over all rounds, sequential, in-process)');
    } finally {
      await fixture.close();
    }
  });
}

/**
 * Median latency of each side: a warm-up round, then rounds in which the two sides take turns
 * request by request (swapping who goes first each pair), so that drift in the machine's load
 * — other work, autovacuum, garbage collection — falls on both alike.
 */
async function compare(fixture: PolicyFixture, path: string): Promise<{ attribute: number; literal: number }> {
  const samples = { attribute: [] as number[], literal: [] as number[] };
  const expected = await sameAnswer(fixture, path);
  await round(fixture, path, expected, { attribute: [], literal: [] });
  for (let i = 0; i < ROUNDS; i++) await round(fixture, path, expected, samples);
  return { attribute: median(samples.attribute), literal: median(samples.literal) };
}

/** Both principals see the same page; the benchmark fails otherwise. */
async function sameAnswer(fixture: PolicyFixture, path: string): Promise<string> {
  const [a, b] = await Promise.all([get(fixture, fixture.attribute, path), get(fixture, fixture.literal, path)]);
  if (a !== b) throw new Error(`the attribute and literal policies answer ${path} differently`);
  if (JSON.parse(a).items.length !== 20) throw new Error(`${path} did not answer a full page`);
  return a;
}

async function round(
  fixture: PolicyFixture,
  path: string,
  expected: string,
  samples: { attribute: number[]; literal: number[] },
) {
  for (let i = 0; i < REQUESTS_PER_ROUND; i++) {
    const order = i % 2 === 0 ? (['attribute', 'literal'] as const) : (['literal', 'attribute'] as const);
    for (const side of order) {
      const started = performance.now();
      const body = await get(fixture, fixture[side], path);
      samples[side].push(performance.now() - started);
      if (body !== expected) throw new Error(`${path} changed its answer during the benchmark`);
    }
  }
}

async function get(fixture: PolicyFixture, cookie: string, path: string): Promise<string> {
  const response = await fixture.engine.app.request(path, { headers: { cookie } });
  const body = await response.text();
  if (response.status !== 200) throw new Error(`${path} answered ${response.status}: ${body}`);
  return body;
}
