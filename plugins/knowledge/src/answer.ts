import type { Actor, PluginContext } from '@kiban/sdk';
import { allEligibleIds, ELIGIBLE_BOOST, eligibleAmong, searchingResident } from './eligibility/search-eligibility.ts';
import type { PassageIndex } from './passage-index.ts';
import { type HighlightSegment, hasSearchableText, highlight, MAX_QUERY_CHARACTERS } from './search/index.ts';
import { type CollectionRule, nextCollectionDay } from './sorting/collection-days.ts';
import { searchSortingItems } from './sorting/sorting-search.ts';
import type { PassageKind, PassageMeta } from './sources.ts';
import { knowledgeReader } from './visibility.ts';

export interface SearchRequest {
  query: string;
  kinds?: PassageKind[];
  limit?: number;
  /** The garbage guide's city and the resident's collection area. */
  city?: string;
  area?: string;
  /** The local date collection days count from (YYYY-MM-DD); today when absent. */
  today?: string;
  /**
   * Only benefits the signed-in resident may be eligible for (their consent given; without it
   * no benefit is listed). FAQ, articles and the garbage guide are not affected.
   */
  eligibleOnly?: boolean;
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
  /** For a benefit, when the searching resident consented: whether their records meet its conditions. */
  eligible?: boolean;
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
  input: SearchRequest,
): Promise<SearchResponse> {
  const query = input.query.slice(0, MAX_QUERY_CHARACTERS).trim();
  if (!hasSearchableText(query)) return { query, results: [], sorting: null };
  const resident = await searchingResident(ctx, actor);
  const consented = resident?.preference.eligibilityConsent === true;
  // A signed-in resident's remembered garbage area answers when the page names none.
  const remembered = resident && !input.area ? resident.preference : null;
  const request = remembered?.area
    ? { ...input, area: remembered.area, city: input.city ?? remembered.city ?? undefined }
    : input;
  const onlyEligible =
    request.eligibleOnly === true
      ? resident && consented
        ? await allEligibleIds(ctx, resident.id, localToday(input))
        : new Set<string>()
      : null;
  const mayRead = knowledgeReader(actor);
  const kinds = request.kinds && request.kinds.length > 0 ? new Set(request.kinds) : null;
  const accept = (meta: PassageMeta) =>
    mayRead(meta) &&
    (!kinds || kinds.has(meta.kind)) &&
    (!onlyEligible || meta.kind !== 'benefit' || onlyEligible.has(meta.recordId)) &&
    (meta.kind !== 'sorting' || !request.city || meta.city === request.city);
  const search = index.search;
  // Garbage items answer in their own block; among the results only when asked for by kind.
  const listed = (meta: PassageMeta) => accept(meta) && (meta.kind !== 'sorting' || kinds?.has('sorting') === true);
  const hits = search.search(query, { limit: request.limit ?? 10, accept: listed });
  const terms = queryTerms(index, query);
  let results = hits.map((hit) => toResult(hit.meta, hit.score, terms));
  if (resident && consented) results = await markEligible(ctx, resident.id, results, localToday(input));
  let sorting: SortingAnswer | null = null;
  if (!kinds || kinds.has('sorting')) {
    const [item] = searchSortingItems(search, query, { city: request.city, limit: 1, accept });
    if (item && (item.exact >= 2 || GARBAGE_QUESTION.test(query)))
      sorting = await sortingAnswer(ctx, item.meta, request);
  }
  return { query, results, sorting };
}

/** Marks each benefit as eligible or not for the consenting resident, and raises the eligible ones. */
async function markEligible(
  ctx: PluginContext,
  resident: string,
  results: SearchResult[],
  today: string,
): Promise<SearchResult[]> {
  const benefits = results.filter((result) => result.kind === 'benefit').map((result) => result.recordId);
  if (benefits.length === 0) return results;
  const eligible = await eligibleAmong(ctx, resident, benefits, today);
  return results
    .map((result) => {
      if (result.kind !== 'benefit') return result;
      const yes = eligible.has(result.recordId);
      const score = yes ? Math.round(result.score * ELIGIBLE_BOOST * 1000) / 1000 : result.score;
      return { ...result, eligible: yes, score };
    })
    .sort((left, right) => right.score - left.score);
}

/** The date the request names, or today in the city. */
function localToday(request: SearchRequest): string {
  return request.today ?? new Date().toLocaleDateString('sv-SE', { timeZone: 'Asia/Tokyo' });
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
  const date = nextCollectionDay(rules, localToday(request), closures);
  return { ...base, nextCollection: date ? { area: request.area, date } : null };
}
