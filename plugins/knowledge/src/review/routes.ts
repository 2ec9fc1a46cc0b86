import type { Hono, PluginContext, PluginHttpEnv } from '@kiban/sdk';
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
 * `GET /api/plugins/knowledge/feedback?days=` and `GET /api/plugins/knowledge/zero-results?days=`.
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
}
