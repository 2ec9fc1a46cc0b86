import type { Actor, PluginContext } from '@kiban/sdk';
import type { PassageIndex } from './passage-index.ts';
import { type HighlightSegment, hasSearchableText, highlight, MAX_QUERY_CHARACTERS } from './search/index.ts';
import { type CollectionRule, nextCollectionDay } from './sorting/collection-days.ts';
import { searchSortingItems } from './sorting/sorting-search.ts';
import type { PassageKind, PassageMeta } from './sources.ts';
import { visibleClassifications } from './visibility.ts';

export interface SearchRequest {
  query: string;
  kinds?: PassageKind[];
  limit?: number;
  /** The garbage guide's city and the resident's collection area. */
  city?: string;
  area?: string;
  /** The local date collection days count from (YYYY-MM-DD); today when absent. */
  today?: string;
}

export interface SearchResult {
  kind: PassageKind;
  entity: string;
  recordId: string;
  title: string;
  score: number;
  passage: HighlightSegment[];
  url?: string;
  category?: string;
  citation?: { source: string; section?: string; page?: number };
}

export interface SortingAnswer {
  item: string;
  category: string;
  notes: string;
  recordId: string;
  nextCollection?: { area: string; date: string } | null;
}

export interface SearchResponse {
  query: string;
  results: SearchResult[];
  sorting: SortingAnswer | null;
}

/** Whether a question asks the garbage guide (ソファーは何ごみ？, 乾電池の捨て方). */
const GARBAGE_QUESTION = /ごみ|ゴミ|捨て|すて|分別|処分|出し方|だしかた|粗大/u;

/**
 * One search box over FAQ, benefits, articles and the sorting dictionary, as `actor` may see
 * them: a resident never receives a staff-only or confidential passage. Ranked results with the
 * matching passage highlighted, and for a garbage question the item's category and next
 * collection day in the resident's area.
 */
export async function answer(
  index: PassageIndex,
  ctx: PluginContext,
  actor: Actor | undefined,
  request: SearchRequest,
): Promise<SearchResponse> {
  const query = request.query.slice(0, MAX_QUERY_CHARACTERS).trim();
  if (!hasSearchableText(query)) return { query, results: [], sorting: null };
  const visible = new Set(visibleClassifications(actor));
  const kinds = request.kinds && request.kinds.length > 0 ? new Set(request.kinds) : null;
  const accept = (meta: PassageMeta) =>
    visible.has(meta.classification) &&
    (!kinds || kinds.has(meta.kind)) &&
    (meta.kind !== 'sorting' || !request.city || meta.city === request.city);
  const search = index.search;
  // Garbage items answer in their own block; among the results only when asked for by kind.
  const listed = (meta: PassageMeta) => accept(meta) && (meta.kind !== 'sorting' || kinds?.has('sorting') === true);
  const hits = search.search(query, { limit: request.limit ?? 10, accept: listed });
  const terms = queryTerms(index, query);
  const results = hits.map((hit) => toResult(hit.meta, hit.score, terms));
  let sorting: SortingAnswer | null = null;
  if (!kinds || kinds.has('sorting')) {
    const [item] = searchSortingItems(search, query, { city: request.city, limit: 1, accept });
    if (item && (item.exact >= 2 || GARBAGE_QUESTION.test(query)))
      sorting = await sortingAnswer(ctx, item.meta, request);
  }
  return { query, results, sorting };
}

function queryTerms(index: PassageIndex, query: string): string[] {
  const analysed = index.search.analyzer.analyze(query);
  return [...analysed.words, ...index.search.expansions(query)];
}

function toResult(meta: PassageMeta, score: number, terms: string[]): SearchResult {
  const citation = meta.source ? { source: meta.source, section: meta.section, page: meta.page } : undefined;
  return {
    kind: meta.kind,
    entity: meta.entity,
    recordId: meta.recordId,
    title: meta.title,
    score: Math.round(score * 1000) / 1000,
    passage: highlight(meta.text || meta.title, terms),
    url: meta.url,
    category: meta.category,
    citation,
  };
}

async function sortingAnswer(ctx: PluginContext, meta: PassageMeta, request: SearchRequest): Promise<SortingAnswer> {
  const base = {
    item: meta.name ?? meta.title,
    category: meta.category ?? '',
    notes: meta.text,
    recordId: meta.recordId,
  };
  if (!request.area) return base;
  const [area] = await ctx.data({ kind: 'system' }).list('CollectionArea', {
    filter: { name: { eq: request.area }, ...(meta.city ? { city: { eq: meta.city } } : {}) },
    limit: 1,
  });
  if (!area) return { ...base, nextCollection: null };
  const days = (area.days ?? {}) as Record<string, CollectionRule[]>;
  const closures = (area.closures ?? []) as Array<{ start: string; end: string }>;
  const rules = days[base.category] ?? [];
  const today = request.today ?? new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' });
  const date = nextCollectionDay(rules, today, closures);
  return { ...base, nextCollection: date ? { area: request.area, date } : null };
}
