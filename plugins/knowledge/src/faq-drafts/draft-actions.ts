import { type ActionContribution, type Actor, type PluginContext, PluginError } from '@kiban/sdk';
import type { PassageIndex } from '../passage-index.ts';
import { requireKnowledgeStaff } from '../review/staff-reader.ts';
import { DRAFTING_DEFAULTS, draftFaqs } from './drafting.ts';
import { allDrafts, type DraftRow, draftOfFaq, markDismissed } from './store.ts';

const SYSTEM: Actor = { kind: 'system' };
const OPEN = new Set(['editing', 'inReview']);

/** One entry of the review queue: the draft as it stands and the evidence it was written from. */
export interface QueuedDraft extends Omit<DraftRow, 'terms' | 'dismissed'> {
  question: string;
  review: string;
}

/** The open drafts written from signals, the most asked first, read as `actor` (their policies apply). */
export async function draftQueue(ctx: PluginContext, actor: Actor): Promise<QueuedDraft[]> {
  const queue: QueuedDraft[] = [];
  for (const { terms: _terms, dismissed, ...draft } of await allDrafts(ctx)) {
    if (dismissed) continue;
    const [record] = await ctx.data(actor).list('KnowledgeFaq', { filter: { id: { eq: draft.faqId } }, limit: 1 });
    if (!record || !OPEN.has(String(record.review))) continue;
    queue.push({ ...draft, question: String(record.question ?? ''), review: String(record.review) });
  }
  return queue.sort((left, right) => right.signalCount - left.signalCount || right.lastAt.localeCompare(left.lastAt));
}

const notFound = () =>
  new PluginError('knowledge.faqDraftNotFound', 404, {
    ja: 'この記録は見直し待ちの FAQ 下書きではありません。',
    en: 'This record is not an open FAQ draft written from signals.',
  });

/**
 * `knowledge.draftFaqs` runs the drafting now (a reviewer or an administrator; the daily job
 * runs it too) and answers what it did; `knowledge.dismissFaqDraft` takes a draft out of the
 * queue for good: its cluster is never drafted again.
 */
export function faqDraftActions(index: () => Promise<PassageIndex>): ActionContribution[] {
  return [
    {
      name: 'draftFaqs',
      label: { ja: '問い合わせから FAQ の下書きを作る', en: 'Draft FAQ entries from signals' },
      roles: ['knowledge-reviewer'],
      input: {
        type: 'object',
        additionalProperties: false,
        properties: {
          days: { type: 'integer', minimum: 1, maximum: 365 },
          minimumSignals: { type: 'integer', minimum: 2, maximum: 1_000 },
          maxDrafts: { type: 'integer', minimum: 1, maximum: 200 },
        },
      },
      handler: async (input, ctx) => {
        const options = { ...DRAFTING_DEFAULTS, ...(input as Partial<typeof DRAFTING_DEFAULTS>) };
        return draftFaqs(ctx, (await index()).search.analyzer, options, ctx.actor);
      },
    },
    {
      name: 'dismissFaqDraft',
      label: { ja: 'FAQ の下書きを見送る', en: 'Dismiss an FAQ draft' },
      input: {
        type: 'object',
        required: ['faqId'],
        additionalProperties: false,
        properties: { faqId: { type: 'string', minLength: 1, maxLength: 100 } },
      },
      handler: async (input, ctx) => {
        requireKnowledgeStaff(ctx.actor);
        const { faqId } = input as { faqId: string };
        const draft = await draftOfFaq(ctx, faqId);
        if (!draft || draft.dismissed) throw notFound();
        const [record] = await ctx.data(ctx.actor).list('KnowledgeFaq', { filter: { id: { eq: faqId } }, limit: 1 });
        if (!record || !OPEN.has(String(record.review))) throw notFound();
        await markDismissed(ctx, draft.clusterKey);
        await ctx.data(SYSTEM).delete('KnowledgeFaq', faqId);
        await ctx.audit({
          actor: ctx.actor,
          action: 'knowledge.faqDraftDismissed',
          entity: 'KnowledgeFaq',
          recordId: faqId,
          details: { kind: draft.kind, signals: draft.signalCount },
        });
        return { dismissed: true, faqId };
      },
    },
  ];
}
