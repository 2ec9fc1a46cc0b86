import type { ActionContribution, Actor, PluginContext } from '@kiban/sdk';
import { answer, type SearchRequest, type SearchResponse } from './answer.ts';
import { areasInputSchema, listCollectionAreas } from './collection-areas.ts';
import type { PassageIndex } from './passage-index.ts';

/** A query may be pasted whole (10,000 characters); only its beginning is searched. */
export const searchInputSchema = {
  type: 'object',
  required: ['query'],
  additionalProperties: false,
  properties: {
    query: { type: 'string', minLength: 1, maxLength: 10000 },
    kinds: { type: 'array', maxItems: 4, items: { enum: ['faq', 'benefit', 'article', 'sorting'] } },
    limit: { type: 'integer', minimum: 1, maximum: 50 },
    city: { type: 'string', maxLength: 100 },
    area: { type: 'string', maxLength: 200 },
    today: { type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' },
    eligibleOnly: { type: 'boolean' },
  },
};

export const feedbackInputSchema = {
  type: 'object',
  required: ['query', 'resultId', 'helpful'],
  additionalProperties: false,
  properties: {
    query: { type: 'string', minLength: 1, maxLength: 500 },
    resultKind: { enum: ['faq', 'benefit', 'article', 'sorting'] },
    resultId: { type: 'string', minLength: 1, maxLength: 100 },
    helpful: { type: 'boolean' },
    comment: { type: 'string', maxLength: 1000 },
  },
};

/** Searches as `actor` and logs a query that found nothing, for staff to add an answer. */
export async function searchAndLog(
  index: PassageIndex,
  ctx: PluginContext,
  actor: Actor | undefined,
  request: SearchRequest,
): Promise<SearchResponse> {
  const response = await answer(index, ctx, actor, request);
  if (response.results.length === 0 && !response.sorting && response.query) {
    const audience = !actor ? 'anonymous' : actor.kind === 'system' ? 'system' : actor.principalKind;
    await ctx.data({ kind: 'system' }).create('ZeroResultQuery', { query: response.query.slice(0, 500), audience });
  }
  return response;
}

export async function storeFeedback(
  ctx: PluginContext,
  input: { query: string; resultKind?: string; resultId: string; helpful: boolean; comment?: string },
) {
  await ctx.data({ kind: 'system' }).create('SearchFeedback', {
    query: input.query,
    resultKind: input.resultKind ?? null,
    resultId: input.resultId,
    helpful: input.helpful,
    comment: input.comment?.trim() || null,
  });
  return { stored: true };
}

/**
 * `knowledge.search` (for the portals, the AI concierge and the contact centre),
 * `knowledge.feedback` and `knowledge.areas` (the collection areas the smart FAQ page offers).
 */
export function knowledgeActions(index: () => Promise<PassageIndex>): ActionContribution[] {
  return [
    {
      name: 'search',
      label: { ja: 'ナレッジを検索', en: 'Search knowledge' },
      input: searchInputSchema,
      handler: async (input, ctx) => searchAndLog(await index(), ctx, ctx.actor, input as SearchRequest),
    },
    {
      name: 'feedback',
      label: { ja: '検索結果の評価', en: 'Rate a search result' },
      input: feedbackInputSchema,
      handler: async (input, ctx) => storeFeedback(ctx, input as Parameters<typeof storeFeedback>[1]),
    },
    {
      name: 'areas',
      label: { ja: 'ごみ収集地区の一覧', en: 'List garbage collection areas' },
      input: areasInputSchema,
      handler: async (input, ctx) => listCollectionAreas(ctx, input as { city?: string }),
    },
  ];
}
