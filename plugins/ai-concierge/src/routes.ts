import type { Hono, PluginContext, PluginHttpEnv } from '@kiban/sdk';
import { conversationTotals } from './concierge/conversations.ts';
import { configuredModel, readSettings } from './settings.ts';

/**
 * `GET /mode` — which answerer answers now (the portal shows it), and
 * `GET /conversations/:id` — the caller's own conversation: turns, tokens and cost.
 */
export function conciergeRoutes(app: Hono<PluginHttpEnv>, ctx: PluginContext): void {
  app.get('/mode', async (c) => {
    const model = configuredModel(await readSettings(ctx));
    return c.json(model ? { mode: 'model', model: model.model } : { mode: 'extractive' });
  });
  app.get('/conversations/:id', async (c) => c.json(await conversationTotals(ctx, c.get('actor'), c.req.param('id'))));
}
