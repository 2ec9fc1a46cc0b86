import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { CliCommandContribution, PluginContext } from '@kiban/sdk';
import { baselineSortingAccuracy, evaluateSorting } from '../eval/evaluate.ts';
import { parseSortingQueries } from '../eval/query-sets.ts';
import { listAll } from '../list-all.ts';
import { JapaneseSearch } from '../search/index.ts';
import { read5374, type SortingGuide } from '../sorting/format-5374.ts';
import { importSortingGuide } from '../sorting/import-guide.ts';
import { parseColumnMapping, readMappedCsv } from '../sorting/mapped-csv.ts';
import { documentOf, type PassageMeta } from '../sources.ts';
import { loadSynonyms } from '../synonym-source.ts';

const USAGE =
  'gomi import --format 5374 DIR --city NAME | gomi import --format csv FILE --city NAME --map name=COL,category=COL[,reading=COL][,synonyms=COL][,notes=COL] [--category-names CODE=NAME,…] | gomi eval FILE.jsonl [--json]';

async function importCommand(
  ctx: PluginContext,
  path: string,
  values: { format?: string; city?: string; map?: string; 'category-names'?: string },
) {
  if (!values.city) throw new Error('--city NAME is required');
  let guide: SortingGuide;
  if (values.format === '5374') guide = await read5374(path, values.city);
  else if (values.format === 'csv') {
    if (!values.map) throw new Error('--map name=COLUMN,category=COLUMN,… is required with --format csv');
    const names = Object.fromEntries(
      (values['category-names'] ?? '')
        .split(',')
        .filter(Boolean)
        .map((pair) => pair.split('=').map((part) => part.trim())),
    );
    guide = readMappedCsv(await readFile(path), path, values.city, parseColumnMapping(values.map), names);
  } else throw new Error('--format must be 5374 or csv');
  const outcome = await importSortingGuide(ctx, guide);
  const encodings = Object.entries(guide.encodings)
    .map(([file, encoding]) => `${file} ${encoding}`)
    .join(', ');
  console.log(`imported ${outcome.items} items and ${outcome.areas} areas for ${values.city} (${encodings})`);
}

async function evalCommand(ctx: PluginContext, file: string, json: boolean) {
  const queries = parseSortingQueries(await readFile(file, 'utf8'), file);
  const records = await listAll(ctx, 'SortingItem');
  if (records.length === 0) throw new Error('no sorting items: import a guide first (gomi import)');
  const search = await JapaneseSearch.create<PassageMeta>({ synonyms: await loadSynonyms(ctx) });
  for (const record of records) {
    const document = documentOf('SortingItem', record);
    if (document) search.add(document);
  }
  const mine = evaluateSorting(search, queries);
  const items = records.map((record) => ({
    city: String(record.city),
    name: String(record.name),
    category: String(record.category),
  }));
  const floor = baselineSortingAccuracy(items, queries);
  if (json) {
    console.log(
      JSON.stringify({ accuracyAt1: mine.accuracy, baselineAccuracyAt1: floor, queries: mine.outcomes }, null, 2),
    );
    return;
  }
  console.log(`queries ${queries.length}`);
  console.log(
    `accuracy@1  embedded Japanese search ${mine.accuracy.toFixed(3)}  bigram TF-IDF baseline ${floor.toFixed(3)}`,
  );
}

/** `kiban gomi …`: the sorting guide's import and evaluation. */
export const gomiCommand: CliCommandContribution = {
  name: 'gomi',
  summary: USAGE,
  async run(args, ctx) {
    const [sub, ...rest] = args;
    const { values, positionals } = parseArgs({
      args: rest,
      allowPositionals: true,
      options: {
        json: { type: 'boolean', default: false },
        format: { type: 'string' },
        city: { type: 'string' },
        map: { type: 'string' },
        'category-names': { type: 'string' },
      },
    });
    const [path] = positionals;
    if (!path) throw new Error(`usage: kiban ${USAGE}`);
    if (sub === 'import') return importCommand(ctx, path, values);
    if (sub === 'eval') return evalCommand(ctx, path, values.json ?? false);
    throw new Error(`usage: kiban ${USAGE}`);
  },
};
