import { ask } from '../plugins/ai-concierge/src/concierge/ask.ts';
import { aiConciergePlugin } from '../plugins/ai-concierge/src/index.ts';
import { anonymise } from '../plugins/ai-concierge/src/privacy/anonymise.ts';
import { knowledgeSource } from '../plugins/ai-concierge/src/retrieval/knowledge-source.ts';
import { knowledgePlugin } from '../plugins/knowledge/src/index.ts';
import type { PluginContext } from '../sdk/src/index.ts';
import { benchQuestions, faqRecords } from './concierge/corpus.ts';
import { runMcpBench } from './concierge/mcp.ts';
import { withBenchDatabase } from './lib/bench-database.ts';
import { type BenchEngine, startBenchEngine } from './lib/bench-engine.ts';
import { percentile } from './lib/stats.ts';

/** The passages of the larger corpus: FAQ records written through the data API, so kept modest. */
const PASSAGES = Number(process.env.KIBAN_BENCH_CONCIERGE_PASSAGES ?? 2_000);
const BASELINE = 244;
const RESIDENT = {
  kind: 'principal' as const,
  id: '00000000-0000-4000-8000-000000000000',
  principalKind: 'resident' as const,
  roles: [],
};

/** Writes FAQ records `from`…`to` of the corpus into the knowledge plugin and waits until they are indexed. */
async function seed(bench: BenchEngine, from: number, to: number): Promise<void> {
  const data = bench.engine.plugins.context('knowledge').data({ kind: 'system' });
  for (const record of faqRecords(to).slice(from)) await data.create('KnowledgeFaq', record);
  await bench.engine.plugins.settled();
}

/** Each question answered once as the concierge answers a resident (mask, knowledge search and passages in process, quote, number check), nothing stored. */
async function measure(ctx: PluginContext, questions: string[]): Promise<{ p50: number; p99: number }> {
  const retrieval = knowledgeSource(ctx);
  const answer = (message: string) =>
    ask({ ctx, retrieval, settings: {}, record: false, model: null }, RESIDENT, { message });
  for (const question of questions.slice(0, 5)) await answer(question);
  const samples: number[] = [];
  for (const question of questions) {
    const at = performance.now();
    await answer(question);
    samples.push(performance.now() - at);
  }
  samples.sort((a, b) => a - b);
  return { p50: percentile(samples, 0.5), p99: percentile(samples, 0.99) };
}

/**
 * `npm run bench -- concierge`: extractive answer latency through the knowledge plugin (on
 * PostgreSQL) with the 244 real FAQs against `KIBAN_BENCH_CONCIERGE_PASSAGES` (2,000) in the
 * same run, then MCP knowledge-search calls per second over streamable HTTP against direct
 * calls. The knowledge search itself at 100,000 passages is `npm run bench -- search`.
 * `KIBAN_BENCH_SECTION=extractive` or `mcp` runs one part.
 */
export async function run(): Promise<void> {
  const section = process.env.KIBAN_BENCH_SECTION;
  await withBenchDatabase(async (url) => {
    const bench = await startBenchEngine(url, [knowledgePlugin(), aiConciergePlugin()]);
    try {
      await anonymise('warm-up: 山田太郎'); // loads the dictionary once, outside the measurement
      const ctx = bench.engine.plugins.context('ai-concierge');
      const questions = benchQuestions();
      await seed(bench, 0, BASELINE);
      if (section !== 'mcp') {
        const baseline = await measure(ctx, questions);
        await seed(bench, BASELINE, PASSAGES);
        const full = await measure(ctx, questions);
        console.log(`extractive answer through the knowledge plugin, in process, ${questions.length} questions`);
        console.log('passages   p50 ms   p99 ms');
        for (const [count, row] of [
          [BASELINE, baseline],
          [PASSAGES, full],
        ] as const) {
          console.log(
            `${String(count).padStart(8)} ${row.p50.toFixed(2).padStart(8)} ${row.p99.toFixed(2).padStart(8)}`,
          );
        }
        console.log(`p50 ratio ${PASSAGES}/${BASELINE}: ${(full.p50 / baseline.p50).toFixed(2)}×`);
      }
      if (section !== 'extractive') await runMcpBench(bench, questions);
    } finally {
      await bench.close();
    }
  });
}
