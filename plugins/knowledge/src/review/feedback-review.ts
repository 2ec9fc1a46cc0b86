import type { Actor, PluginContext, RecordData } from '@kiban/sdk';
import { SOURCE_ENTITIES } from '../sources.ts';
import { listAsActor } from './staff-reader.ts';

/** What residents said of one answer: counts, the queries it answered, and their comments. */
export interface FeedbackSummary {
  resultKind: string | null;
  resultId: string;
  entity: string | null;
  /** The answer's current title; null when it no longer exists or cannot be read. */
  title: string | null;
  helpful: number;
  notHelpful: number;
  queries: string[];
  comments: Array<{ query: string; comment: string; helpful: boolean; at: string }>;
  lastAt: string;
}

const TITLE_FIELD: Record<string, string> = {
  KnowledgeFaq: 'question',
  Benefit: 'name',
  KnowledgeArticle: 'title',
  SortingItem: 'name',
};

const ENTITY_OF_KIND = Object.fromEntries(Object.entries(SOURCE_ENTITIES).map(([entity, kind]) => [kind, entity]));

const MAX_COMMENTS = 20;
const MAX_QUERIES = 5;

/**
 * "Did this help?" answers of the last `days` days grouped by the answer rated, the least
 * helpful first (most "no", then the lowest share of "yes"), each with its comments, newest
 * first: what an editor should rewrite.
 */
export async function feedbackReview(ctx: PluginContext, actor: Actor, since: string): Promise<FeedbackSummary[]> {
  const rows = await listAsActor(ctx, actor, 'SearchFeedback', since);
  const groups = new Map<string, FeedbackSummary>();
  for (const row of rows) {
    const key = `${row.resultKind ?? ''}|${row.resultId ?? ''}`;
    const entity = ENTITY_OF_KIND[String(row.resultKind ?? '')] ?? null;
    const group = groups.get(key) ?? {
      resultKind: (row.resultKind as string | null) ?? null,
      resultId: String(row.resultId ?? ''),
      entity,
      title: null,
      helpful: 0,
      notHelpful: 0,
      queries: [],
      comments: [],
      lastAt: String(row.createdAt),
    };
    if (row.helpful === true) group.helpful++;
    else group.notHelpful++;
    const query = String(row.query ?? '');
    if (group.queries.length < MAX_QUERIES && !group.queries.includes(query)) group.queries.push(query);
    const comment = typeof row.comment === 'string' ? row.comment.trim() : '';
    if (comment && group.comments.length < MAX_COMMENTS)
      group.comments.push({ query, comment, helpful: row.helpful === true, at: String(row.createdAt) });
    groups.set(key, group);
  }
  const summaries = [...groups.values()];
  await Promise.all(summaries.map(async (summary) => (summary.title = await titleOf(ctx, actor, summary))));
  const share = (summary: FeedbackSummary) => summary.helpful / (summary.helpful + summary.notHelpful);
  return summaries.sort(
    (left, right) =>
      right.notHelpful - left.notHelpful || share(left) - share(right) || right.lastAt.localeCompare(left.lastAt),
  );
}

async function titleOf(ctx: PluginContext, actor: Actor, summary: FeedbackSummary): Promise<string | null> {
  if (!summary.entity || !summary.resultId) return null;
  const record: RecordData | null = await ctx
    .data(actor)
    .get(summary.entity, summary.resultId)
    .catch(() => null);
  const title = record?.[TITLE_FIELD[summary.entity] ?? 'id'];
  return typeof title === 'string' ? title : null;
}
