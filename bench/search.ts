import { readFileSync } from 'node:fs';
import { Hono } from 'hono';
import {
  baselineRanker,
  baselineSortingAccuracy,
  evaluateRanking,
  evaluateSorting,
} from '../plugins/knowledge/src/eval/evaluate.ts';
import { parseFaqQueries, parseSortingQueries } from '../plugins/knowledge/src/eval/query-sets.ts';
import { JapaneseSearch } from '../plugins/knowledge/src/search/index.ts';
import { read5374 } from '../plugins/knowledge/src/sorting/format-5374.ts';
import { documentOf, type PassageMeta } from '../plugins/knowledge/src/sources.ts';
import { DEFAULT_SYNONYMS } from '../plugins/knowledge/src/synonym-source.ts';
import { runRound } from './lib/load.ts';
import { listenOnLoopback } from './lib/server.ts';
import { percentile } from './lib/stats.ts';
import { formatTable } from './lib/table.ts';
import { realFaq, syntheticPassages } from './search/corpus.ts';
import { crossCitySets, evaluateCrossCity } from './search/cross-city.ts';

/** 100,000 unless `KIBAN_BENCH_SEARCH_PASSAGES` says otherwise (a loaded machine needs long for the full run). */
const PASSAGES = Number(process.env.KIBAN_BENCH_SEARCH_PASSAGES ?? 100_000);
const CONCURRENCY = 20;
const REQUESTS = 2_000;
const evalDir = new URL('../plugins/knowledge/eval/', import.meta.url);
const read = (name: string) => readFileSync(new URL(name, evalDir), 'utf8');

/** Indexes 100,000 passages, then measures search latency at 20 concurrent HTTP searches. */
async function scale(): Promise<void> {
  const passages = syntheticPassages(PASSAGES);
  const search = await JapaneseSearch.create<{ id: string }>({ synonyms: DEFAULT_SYNONYMS });
  const started = performance.now();
  const cpuStarted = process.cpuUsage();
  const cpuSeconds = () => {
    const used = process.cpuUsage(cpuStarted);
    return (used.user + used.system) / 1e6;
  };
  passages.forEach((passage, index) => {
    search.add({ id: passage.id, fields: { title: passage.title, body: passage.body }, meta: { id: passage.id } });
    if ((index + 1) % 10_000 === 0) {
      const wall = (performance.now() - started) / 1000;
      process.stderr.write(
        `… ${index + 1} passages indexed: ${wall.toFixed(0)} s wall, ${cpuSeconds().toFixed(0)} s CPU\n`,
      );
    }
  });
  const seconds = (performance.now() - started) / 1000;
  const heapMb = process.memoryUsage().heapUsed / 1e6;
  console.log(
    `indexed ${PASSAGES.toLocaleString()} passages in ${seconds.toFixed(1)} s wall, ${cpuSeconds().toFixed(1)} s CPU (${Math.round(PASSAGES / cpuSeconds())} passages per CPU second; heap ${heapMb.toFixed(0)} MB)`,
  );

  const queries = parseFaqQueries(read('faq-dev.jsonl'), 'faq-dev.jsonl').map((query) => query.query);
  // One at a time in-process first: the cost of a search itself, apart from HTTP and queueing,
  // scoring every term (the baseline) and skipping the terms common to over 5% of passages.
  for (const exhaustive of [true, false]) {
    const single = new Float64Array(queries.length * 2);
    for (let index = 0; index < single.length; index++) {
      const started = performance.now();
      search.search(queries[index % queries.length] ?? '', { limit: 10, exhaustive });
      single[index] = performance.now() - started;
    }
    single.sort();
    console.log(
      `${single.length} searches one at a time in-process, ${exhaustive ? 'every term scored' : 'common terms skipped'}: p50 ${percentile(single, 0.5).toFixed(1)} ms, p99 ${percentile(single, 0.99).toFixed(1)} ms`,
    );
  }
  console.log(`top-10 agreement of the two: ${(topTenAgreement(search, queries) * 100).toFixed(1)}%`);
  const app = new Hono();
  app.get('/search', (c) => c.json(search.search(c.req.query('q') ?? '', { limit: 10 })));
  // Searches are synchronous CPU work in the process that also sends the requests: on a loaded
  // machine 20 queued searches outlast Node's 5 s keep-alive timer (the connection reset before).
  const server = await listenOnLoopback(app.fetch, { keepAliveTimeoutMs: 60_000 });
  try {
    const build = (index: number) => ({
      url: `${server.origin}/search?q=${encodeURIComponent(queries[index % queries.length] ?? '')}`,
      expectStatus: 200,
    });
    await runRound(build, { requests: 200, concurrency: CONCURRENCY });
    const round = await runRound(build, { requests: REQUESTS, concurrency: CONCURRENCY });
    const sorted = Float64Array.from(round.latenciesMs).sort();
    console.log(
      `${REQUESTS} searches over HTTP, ${CONCURRENCY} in flight: p50 ${percentile(sorted, 0.5).toFixed(1)} ms, p99 ${percentile(sorted, 0.99).toFixed(1)} ms, ${round.requestsPerSecond.toFixed(0)} searches/s`,
    );
  } finally {
    await server.close();
  }
}

/** The share of the exhaustive top ten that skipping common terms keeps, over the queries. */
function topTenAgreement(search: JapaneseSearch<{ id: string }>, queries: string[]): number {
  let kept = 0;
  let total = 0;
  for (const query of queries) {
    const exact = search.search(query, { limit: 10, exhaustive: true }).map((hit) => hit.id);
    const pruned = new Set(search.search(query, { limit: 10 }).map((hit) => hit.id));
    kept += exact.filter((id) => pruned.has(id)).length;
    total += exact.length;
  }
  return total === 0 ? 1 : kept / total;
}

/** The quality table: the embedded search vs the bigram TF-IDF baseline on the development sets. */
async function quality(): Promise<void> {
  if (process.env.KIBAN_BENCH_SEARCH_SKIP_QUALITY) return;
  const corpus = realFaq();
  const search = await JapaneseSearch.create<{ id: string }>({ synonyms: DEFAULT_SYNONYMS });
  for (const entry of corpus) {
    const document = documentOf('KnowledgeFaq', { ...entry, status: 'published', classification: 'public' });
    if (document) search.add({ id: entry.id, fields: document.fields, meta: { id: entry.id } });
  }
  const baseline = baselineRanker(corpus);
  const rows: string[][] = [];
  for (const set of ['faq-dev.jsonl', 'faq-paraphrase-dev.jsonl', 'faq-holdout.jsonl']) {
    const queries = parseFaqQueries(read(set), set);
    const mine = evaluateRanking(queries, (query) => search.search(query, { limit: 10 }).map((hit) => hit.id)).metrics;
    const floor = evaluateRanking(queries, baseline).metrics;
    for (const [name, metrics] of [
      ['embedded', mine],
      ['bigram TF-IDF', floor],
    ] as const) {
      rows.push([
        `${set} ${name}`,
        String(metrics.queries),
        metrics.hitAt1.toFixed(3),
        metrics.hitAt5.toFixed(3),
        metrics.mrrAt10.toFixed(3),
      ]);
    }
    rows.push([
      `${set} ratio`,
      '',
      (mine.hitAt1 / floor.hitAt1).toFixed(2),
      (mine.hitAt5 / floor.hitAt5).toFixed(2),
      (mine.mrrAt10 / floor.mrrAt10).toFixed(2),
    ]);
  }
  console.log(formatTable(['FAQ set / system', 'queries', 'hit@1', 'hit@5', 'MRR@10'], rows));

  const guide = await read5374(new URL('corpus/gomi-kyotango', evalDir).pathname, '京丹後市');
  const items = await JapaneseSearch.create<PassageMeta>({ synonyms: DEFAULT_SYNONYMS });
  guide.items.forEach((item, index) => {
    const document = documentOf('SortingItem', { ...item, id: String(index), city: guide.city, synonyms: '' });
    if (document) items.add(document);
  });
  const sortingRows = ['gomi-dev.jsonl', 'gomi-holdout.jsonl'].map((set) => {
    const queries = parseSortingQueries(read(set), set);
    const mine = evaluateSorting(items, queries).accuracy;
    const floor = baselineSortingAccuracy(
      guide.items.map((item) => ({ ...item, city: guide.city })),
      queries,
    );
    return [set, String(queries.length), mine.toFixed(3), floor.toFixed(3), (mine / floor).toFixed(2)];
  });
  console.log(formatTable(['sorting set', 'queries', 'embedded acc@1', 'bigram acc@1', 'ratio'], sortingRows));

  const crossRows: string[][] = [];
  for (const set of crossCitySets()) {
    const { mine, floor } = await evaluateCrossCity(set, DEFAULT_SYNONYMS);
    crossRows.push([
      set.name,
      String(mine.queries),
      ...[mine.hitAt1, mine.hitAt5, mine.mrrAt10, floor.hitAt1, floor.hitAt5, floor.mrrAt10].map((value) =>
        value.toFixed(3),
      ),
    ]);
  }
  console.log(
    formatTable(
      ['cross-city set', 'queries', 'hit@1', 'hit@5', 'MRR@10', 'bigram hit@1', 'bigram hit@5', 'bigram MRR@10'],
      crossRows,
    ),
  );
}

export async function run(): Promise<void> {
  await quality();
  await scale();
}
