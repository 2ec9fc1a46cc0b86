import { readFileSync } from 'node:fs';
import type { PluginContext, RecordData } from '@kiban/sdk';
import { listAll } from './list-all.ts';
import type { SynonymGroup } from './search/index.ts';

/** The synonyms shipped with the plugin: everyday words residents use for the city's terms. */
export const DEFAULT_SYNONYMS: SynonymGroup[] = JSON.parse(
  readFileSync(new URL('../data/synonyms.json', import.meta.url), 'utf8'),
) as SynonymGroup[];

/** One staff-edited group: its words, split at commas (ASCII, full-width or 、). */
export function synonymGroupOf(record: RecordData): SynonymGroup {
  return String(record.words ?? '')
    .split(/[,，、\n]+/u)
    .map((word) => word.trim())
    .filter(Boolean);
}

/** The shipped groups and every group staff keep in `KnowledgeSynonym`. */
export async function loadSynonyms(ctx: PluginContext): Promise<SynonymGroup[]> {
  const records = await listAll(ctx, 'KnowledgeSynonym');
  return [...DEFAULT_SYNONYMS, ...records.map(synonymGroupOf).filter((group) => group.length > 1)];
}
