import { extractiveAnswer } from '../plugins/ai-concierge/src/answer/extractive.ts';
import { unsupportedNumbers } from '../plugins/ai-concierge/src/answer/numbers.ts';
import { anonymise } from '../plugins/ai-concierge/src/privacy/anonymise.ts';
import { InterimPassageIndex } from '../plugins/ai-concierge/src/retrieval/interim-index.ts';
import { benchQuestions, passages } from './concierge/corpus.ts';
import { runMcpBench } from './concierge/mcp.ts';
import { percentile } from './lib/stats.ts';

/** The machine is shared: one measured pass over the 40 questions per corpus size. */
const ROUNDS = 1;
const MINIMUM_SCORE = 0.5;

interface Measured {
  passages: number;
  buildMs: number;
  heapMb: number;
  p50: number;
  p99: number;
}

/** One extractive answer as the concierge composes it in-process: mask, search, quote, check numbers. */
async function answerOnce(index: InterimPassageIndex, question: string): Promise<void> {
  const { text } = await anonymise(question);
  const found = index
    .search(text, { classifications: ['public'], limit: 5 })
    .filter((passage) => passage.score >= MINIMUM_SCORE);
  const composed = extractiveAnswer(text, found, 'ja');
  unsupportedNumbers(
    composed.text,
    composed.cited.map((passage) => passage.text),
  );
}

async function measure(count: number, questions: string[]): Promise<Measured> {
  const heapBefore = process.memoryUsage().heapUsed;
  const started = performance.now();
  const index = new InterimPassageIndex();
  for (const passage of passages(count)) index.put(passage);
  const buildMs = performance.now() - started;
  const heapMb = (process.memoryUsage().heapUsed - heapBefore) / 1_048_576;
  for (const question of questions.slice(0, 5)) await answerOnce(index, question);
  const samples: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const question of questions) {
      const at = performance.now();
      await answerOnce(index, question);
      samples.push(performance.now() - at);
    }
  }
  samples.sort((a, b) => a - b);
  return { passages: count, buildMs, heapMb, p50: percentile(samples, 0.5), p99: percentile(samples, 0.99) };
}

/**
 * `npm run bench -- concierge`: extractive answer latency (mask, search, quote, number check)
 * with 100,000 passages against 1,000 in the same run, then MCP knowledge-search calls per
 * second over streamable HTTP against direct calls of the same search. `KIBAN_BENCH_SECTION=extractive`
 * or `mcp` runs one part.
 */
export async function run(): Promise<void> {
  const section = process.env.KIBAN_BENCH_SECTION;
  if (section !== 'mcp') await runExtractiveBench();
  if (section !== 'extractive') await runMcpBench();
}

async function runExtractiveBench(): Promise<void> {
  const questions = benchQuestions();
  await anonymise('warm-up: 山田太郎'); // loads the dictionary once, outside the measurement
  const baseline = await measure(1_000, questions);
  const full = await measure(100_000, questions);
  console.log('extractive answer, in-process (no HTTP, no database), 40 questions ×', ROUNDS, 'rounds');
  console.log('passages   build s   heap MB   p50 ms   p99 ms');
  for (const row of [baseline, full]) {
    console.log(
      `${String(row.passages).padStart(8)} ${(row.buildMs / 1000).toFixed(1).padStart(9)} ${row.heapMb.toFixed(0).padStart(9)} ${row.p50.toFixed(2).padStart(8)} ${row.p99.toFixed(2).padStart(8)}`,
    );
  }
  console.log(
    `p50 ratio 100k/1k: ${(full.p50 / baseline.p50).toFixed(2)}×; target p99 < 200 ms with 100,000 passages: ${full.p99 < 200 ? 'met' : 'missed'}`,
  );
  await runMcpBench();
}
