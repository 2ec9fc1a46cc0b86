import type { Hono, PluginContext, PluginHttpEnv } from '@kiban/sdk';
import { conversationTotals } from './concierge/conversations.ts';
import { handleMcpRequest } from './mcp/mcp-server.ts';
import type { KnowledgeRetrieval } from './retrieval/retrieval.ts';
import { configuredModel, readSettings } from './settings.ts';

/**
 * `GET /mode` — which answerer answers now (the portal shows it);
 * `GET /conversations/:id` — the caller's own conversation: turns, tokens and cost;
 * `POST /mcp` — the knowledge base as an MCP server (streamable HTTP), as the caller.
 */
export const conciergeRoutes =
  (retrieval: () => KnowledgeRetrieval) =>
  (app: Hono<PluginHttpEnv>, ctx: PluginContext): void => {
    app.post('/mcp', (c) => handleMcpRequest(c.req.raw, retrieval(), c.get('actor'), ctx.plugin.version));
    app.get('/mode', async (c) => {
      const model = configuredModel(await readSettings(ctx));
      return c.json(model ? { mode: 'model', model: model.model } : { mode: 'extractive' });
    });
    app.get('/conversations/:id', async (c) =>
      c.json(await conversationTotals(ctx, c.get('actor'), c.req.param('id'))),
    );
  };
