import type { Hono, PluginContext, PluginHttpEnv } from '@kiban/sdk';
import { agentCardJson, handleA2aRequest } from './a2a/a2a-server.ts';
import { askStream } from './concierge/ask-stream.ts';
import { conversationTotals } from './concierge/conversations.ts';
import { parseTraceQuery } from './concierge/trace-query.ts';
import { assertReviewer, listTraces } from './concierge/traces.ts';
import { handleMcpRequest } from './mcp/mcp-server.ts';
import { knowledgeSource } from './retrieval/knowledge-source.ts';
import { configuredModel, readSettings } from './settings.ts';

const TRACE_PAGE = 50;

/**
 * `GET /mode` — which answerer answers now, and whether a knowledge source runs (the portal shows both);
 * `GET /conversations/:id` — the caller's own conversation: turns, tokens and cost;
 * `GET /traces?offset&status&notHelpful` — a page of conversations with each turn's trace, for the concierge's staff;
 * `POST /ask/stream` — `ask` as server-sent events (the model's text as it arrives, then the answer);
 * `POST /mcp` — the knowledge base and the actions chosen in settings as an MCP server (streamable HTTP), as the caller;
 * `GET /a2a/:agent/agent-card.json`, `POST /a2a/:agent` — a published agent over A2A (JSON-RPC), as the caller.
 */
export function conciergeRoutes(app: Hono<PluginHttpEnv>, ctx: PluginContext): void {
  app.post('/mcp', async (c) => {
    const actions = { plugins: ctx.plugins, names: (await readSettings(ctx)).mcpActions ?? [] };
    return handleMcpRequest(c.req.raw, knowledgeSource(ctx), c.get('actor'), ctx.plugin.version, actions);
  });
  app.get('/a2a/:agent/agent-card.json', (c) => {
    const endpoint = new URL(c.req.url).href.replace(/\/agent-card\.json$/u, '');
    return c.json(agentCardJson(ctx, c.get('actor'), c.req.param('agent'), endpoint) as Record<string, unknown>);
  });
  app.post('/a2a/:agent', async (c) => {
    const body = await c.req.json().catch(() => ({}));
    return handleA2aRequest(ctx, c.get('actor'), c.req.param('agent'), new URL(c.req.url).href, body);
  });
  app.post('/ask/stream', async (c) => {
    const body = await c.req.json().catch(() => undefined);
    const lang = (c.req.header('accept-language') ?? '').startsWith('en') ? 'en' : 'ja';
    return askStream(ctx, c.get('actor'), body, lang);
  });
  app.get('/mode', async (c) => {
    const model = configuredModel(await readSettings(ctx));
    const knowledge = knowledgeSource(ctx) !== null;
    return c.json(model ? { mode: 'model', model: model.model, knowledge } : { mode: 'extractive', knowledge });
  });
  app.get('/conversations/:id', async (c) => c.json(await conversationTotals(ctx, c.get('actor'), c.req.param('id'))));
  app.get('/traces', async (c) => {
    assertReviewer(c.get('actor'));
    const query = parseTraceQuery(c.req.query());
    // One more than a page tells whether a next page exists.
    const found = await listTraces(ctx, c.get('actor'), TRACE_PAGE + 1, query);
    return c.json({
      conversations: found.slice(0, TRACE_PAGE),
      offset: query.offset,
      limit: TRACE_PAGE,
      more: found.length > TRACE_PAGE,
    });
  });
}
