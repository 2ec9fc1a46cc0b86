import type { Hono, PluginContext, PublicRoutes } from '@kiban/sdk';

import { Ajv } from 'ajv';
import { feedbackInputSchema, searchAndLog, searchInputSchema, storeFeedback } from './actions.ts';
import type { SearchRequest } from './answer.ts';
import { areasInputSchema, listCollectionAreas } from './collection-areas.ts';
import type { PassageIndex } from './passage-index.ts';
import { PUBLIC_FAQ_CSP, publicFaqLanguage, publicFaqPage } from './public-page.ts';

function problem(c: { json: (body: unknown, status: 400) => Response }, details: unknown[]) {
  return c.json({ error: { code: 'knowledge.invalidInput', message: 'The request body is not valid.', details } }, 400);
}

/**
 * The smart FAQ for visitors who have not signed in: public knowledge only, rate limited.
 * `GET /api/public/knowledge/faq` (the page; `?lang=` one of the portal's languages, Japanese
 * without it), `POST …/search`, `POST …/feedback` and `POST …/areas`.
 */
export function knowledgePublicRoutes(index: () => Promise<PassageIndex>): PublicRoutes {
  const ajv = new Ajv({ allErrors: true });
  const validSearch = ajv.compile(searchInputSchema);
  const validFeedback = ajv.compile(feedbackInputSchema);
  const validAreas = ajv.compile(areasInputSchema);
  return {
    rateLimit: { requests: 60, perSeconds: 60 },
    routes(app: Hono, ctx: PluginContext) {
      app.post('/search', async (c) => {
        const body = await c.req.json().catch(() => null);
        if (!validSearch(body)) return problem(c, validSearch.errors ?? []);
        return c.json(await searchAndLog(await index(), ctx, undefined, body as unknown as SearchRequest));
      });
      app.get('/faq', (c) => {
        c.header('content-security-policy', PUBLIC_FAQ_CSP);
        c.header('cache-control', 'no-cache');
        return c.html(publicFaqPage(publicFaqLanguage(c.req.query('lang'))));
      });
      app.post('/areas', async (c) => {
        const body = await c.req.json().catch(() => null);
        if (!validAreas(body)) return problem(c, validAreas.errors ?? []);
        return c.json(await listCollectionAreas(ctx, body as { city?: string }));
      });
      app.post('/feedback', async (c) => {
        const body = await c.req.json().catch(() => null);
        if (!validFeedback(body)) return problem(c, validFeedback.errors ?? []);
        return c.json(await storeFeedback(ctx, body as unknown as Parameters<typeof storeFeedback>[1]));
      });
    },
  };
}
