import { type Hono, type PluginContext, PluginError, type PluginHttpEnv } from '@kiban/sdk';
import { draftQueue } from '../faq-drafts/draft-actions.ts';
import { compareRevision } from '../revisions/revisions.ts';
import { feedbackReview } from './feedback-review.ts';
import { daysAgo, requireKnowledgeStaff } from './staff-reader.ts';
import { zeroResults } from './zero-results.ts';

/** `?days=N` (1–365, 90 when absent or not a whole number in range). */
function sinceOf(days: string | undefined): string {
  const value = Number(days);
  return daysAgo(Number.isInteger(value) && value >= 1 && value <= 365 ? value : 90);
}

/**
 * The staff review lists, for knowledge editors and reviewers (403 otherwise):
 * `GET /api/plugins/knowledge/feedback?days=`, `GET /api/plugins/knowledge/zero-results?days=`,
 * `GET /api/plugins/knowledge/faq-drafts` (the drafts written from signals, with their evidence)
 * and `GET /api/plugins/knowledge/revisions/:entity/:id` (a revision beside its published version).
 */
export function reviewRoutes(app: Hono<PluginHttpEnv>, ctx: PluginContext): void {
  app.get('/feedback', async (c) => {
    const actor = c.get('actor');
    requireKnowledgeStaff(actor);
    return c.json({ answers: await feedbackReview(ctx, actor, sinceOf(c.req.query('days'))) });
  });
  app.get('/zero-results', async (c) => {
    const actor = c.get('actor');
    requireKnowledgeStaff(actor);
    return c.json({ queries: await zeroResults(ctx, actor, sinceOf(c.req.query('days'))) });
  });
  app.get('/faq-drafts', async (c) => {
    const actor = c.get('actor');
    requireKnowledgeStaff(actor);
    return c.json({ drafts: await draftQueue(ctx, actor) });
  });
  app.get('/revisions/:entity/:id', async (c) => {
    const actor = c.get('actor');
    requireKnowledgeStaff(actor);
    const comparison = await compareRevision(ctx, actor, c.req.param('entity'), c.req.param('id'));
    if (!comparison)
      throw new PluginError('knowledge.noRevision', 404, {
        ja: 'この記録は公開中の版の改訂案ではありません。',
        en: 'This record is not a revision of a published version.',
      });
    return c.json(comparison);
  });
}
