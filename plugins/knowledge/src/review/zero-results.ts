import type { Actor, PluginContext } from '@kiban/sdk';
import { normalizeText } from '../search/index.ts';
import { listAsActor } from './staff-reader.ts';

/** One thing residents searched for and did not find, however they spelled it. */
export interface ZeroResultGroup {
  /** The newest wording, as typed. */
  query: string;
  /** Other wordings that fold to the same text. */
  variants: string[];
  count: number;
  audiences: Record<string, number>;
  lastAt: string;
}

const MAX_VARIANTS = 5;

/** The query folded as the search folds it (NFKC, lower case, hiragana), without spaces and closing marks. */
export function zeroResultKey(query: string): string {
  return normalizeText(query)
    .replace(/\s+/gu, '')
    .replace(/[?？。.!！、,]+$/u, '');
}

/**
 * The queries of the last days that found nothing, grouped by their folded text, the most
 * asked first: what the synonym dictionary or an FAQ is missing.
 */
export async function zeroResults(ctx: PluginContext, actor: Actor, since: string): Promise<ZeroResultGroup[]> {
  const rows = await listAsActor(ctx, actor, 'ZeroResultQuery', since);
  const groups = new Map<string, ZeroResultGroup>();
  for (const row of rows) {
    const query = String(row.query ?? '');
    const key = zeroResultKey(query);
    if (!key) continue;
    const audience = String(row.audience ?? 'anonymous');
    const group = groups.get(key);
    if (!group) {
      groups.set(key, { query, variants: [], count: 1, audiences: { [audience]: 1 }, lastAt: String(row.createdAt) });
      continue;
    }
    group.count++;
    group.audiences[audience] = (group.audiences[audience] ?? 0) + 1;
    if (query !== group.query && !group.variants.includes(query) && group.variants.length < MAX_VARIANTS)
      group.variants.push(query);
  }
  return [...groups.values()].sort(
    (left, right) => right.count - left.count || right.lastAt.localeCompare(left.lastAt),
  );
}
