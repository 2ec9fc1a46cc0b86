import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { CliCommandContribution, PluginContext } from '@kiban/sdk';
import { importDocuments } from '../documents/import-document.ts';
import { baselineRanker, evaluateRanking } from '../eval/evaluate.ts';
import { parseFaqQueries } from '../eval/query-sets.ts';
import { rankingTable } from '../eval/report.ts';
import { parseFaqFile } from '../faq/faq-file.ts';
import { importFaq } from '../faq/import-faq.ts';
import { DRAFTING_DEFAULTS, draftFaqs } from '../faq-drafts/drafting.ts';
import { listAll } from '../list-all.ts';
import { JapaneseSearch } from '../search/index.ts';
import { documentOf } from '../sources.ts';
import { loadSynonyms } from '../synonym-source.ts';

const USAGE =
  'kb import FILE.jsonl|FILE.csv [--classification C] [--owner DEPT] [--publish] | kb docs FILE.pdf|FILE.docx|FILE.md|FILE.html… [--classification C] [--owner DEPT] | kb eval QUERIES.jsonl [--json] | kb drafts [--days N] [--min N]';

function classificationOf(value: string | undefined, fallback: string): string {
  const classification = value ?? fallback;
  if (!['public', 'staff', 'confidential'].includes(classification))
    throw new Error(`unknown classification "${classification}"`);
  return classification;
}

/** FAQ entries as drafts for review, or — `--publish`, audited — published at once. */
async function importCommand(
  ctx: PluginContext,
  file: string,
  values: { classification?: string; owner?: string; publish?: boolean },
) {
  const entries = parseFaqFile(await readFile(file, 'utf8'), file);
  const classification = classificationOf(values.classification, 'public');
  const publish = values.publish === true;
  const outcome = await importFaq(ctx, entries, { classification, ownerDepartment: values.owner, publish, file });
  const kept = outcome.keptPublished > 0 ? `, ${outcome.keptPublished} published left unchanged` : '';
  console.log(
    `imported ${entries.length} FAQ entries ${publish ? 'as published' : 'as drafts for review'} (${outcome.created} new, ${outcome.updated} updated${kept})`,
  );
}

/** Staff documents (PDF, Word, Markdown, HTML) as articles, one per passage; a failed document does not stop the others. */
async function docsCommand(ctx: PluginContext, files: string[], values: { classification?: string; owner?: string }) {
  const outcomes = await importDocuments(ctx, files, {
    classification: classificationOf(values.classification, 'staff'),
    ownerDepartment: values.owner,
  });
  for (const outcome of outcomes) {
    console.log(
      'failed' in outcome
        ? `failed ${outcome.file}: ${outcome.failed}`
        : `imported ${outcome.file}: ${outcome.passages} passages`,
    );
  }
  if (outcomes.some((outcome) => 'failed' in outcome)) process.exitCode = 1;
}

/** The published FAQ as the search and the baseline see it, ids being the import ids. */
async function faqCorpus(ctx: PluginContext) {
  const records = await listAll(ctx, 'KnowledgeFaq', { status: { eq: 'published' } });
  return records.map((record) => ({
    id: String(record.externalId ?? record.id),
    question: String(record.question ?? ''),
    answer: String(record.answer ?? ''),
    category: typeof record.category === 'string' ? record.category : undefined,
    record,
  }));
}

async function evalCommand(ctx: PluginContext, file: string, json: boolean) {
  const queries = parseFaqQueries(await readFile(file, 'utf8'), file);
  const corpus = await faqCorpus(ctx);
  if (corpus.length === 0)
    throw new Error('no published FAQ entries: import some first (kb import FILE --publish), or approve the drafts');
  const search = await JapaneseSearch.create<{ id: string }>({ synonyms: await loadSynonyms(ctx) });
  for (const entry of corpus) {
    const document = documentOf('KnowledgeFaq', entry.record);
    if (document) search.add({ id: entry.id, fields: document.fields, meta: { id: entry.id } });
  }
  const mine = evaluateRanking(queries, (query) => search.search(query, { limit: 10 }).map((hit) => hit.id));
  const floor = evaluateRanking(queries, baselineRanker(corpus));
  if (json) {
    console.log(JSON.stringify({ search: mine.metrics, baseline: floor.metrics, queries: mine.outcomes }, null, 2));
    return;
  }
  console.log(
    rankingTable([
      { name: 'embedded Japanese search', metrics: mine.metrics },
      { name: 'bigram TF-IDF baseline', metrics: floor.metrics },
    ]),
  );
}

function wholeNumber(value: string | undefined, fallback: number, name: string): number {
  if (value === undefined) return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new Error(`--${name} must be a whole number from 1`);
  return number;
}

/** The daily FAQ drafting, now: what the job would do, printed. */
async function draftsCommand(ctx: PluginContext, values: { days?: string; min?: string }) {
  const analyzer = (await JapaneseSearch.create()).analyzer;
  const summary = await draftFaqs(ctx, analyzer, {
    ...DRAFTING_DEFAULTS,
    days: wholeNumber(values.days, DRAFTING_DEFAULTS.days, 'days'),
    minimumSignals: wholeNumber(values.min, DRAFTING_DEFAULTS.minimumSignals, 'min'),
  });
  console.log(
    `${summary.signals} signals, ${summary.clusters} clusters: ${summary.created.length} drafts written, ${summary.renewed} renewed, ${summary.skipped.dismissed} dismissed and ${summary.skipped.answered} answered left alone`,
  );
}

/** `kiban kb …`: FAQ import, retrieval evaluation and the FAQ drafting from signals. */
export const kbCommand: CliCommandContribution = {
  name: 'kb',
  summary: USAGE,
  async run(args, ctx) {
    const [sub, ...rest] = args;
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        classification: { type: 'string' },
        owner: { type: 'string' },
        publish: { type: 'boolean', default: false },
        days: { type: 'string' },
        min: { type: 'string' },
      },
    });
    if (sub === 'drafts') return draftsCommand(ctx, values);
    const [file] = positionals;
    if (!file) throw new Error(`usage: kiban ${USAGE}`);
    if (sub === 'import') return importCommand(ctx, file, values);
    if (sub === 'docs') return docsCommand(ctx, positionals, values);
    if (sub === 'eval') return evalCommand(ctx, file, values.json ?? false);
    throw new Error(`usage: kiban ${USAGE}`);
  },
};
