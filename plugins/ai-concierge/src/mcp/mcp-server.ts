import type { Actor, PluginsApi } from '@kiban/sdk';
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { z } from 'zod';
import type { KnowledgeRetrieval, Passage } from '../retrieval/retrieval.ts';
import { registerActionTools } from './action-tools.ts';
import { toolResult as json, toolError } from './tool-results.ts';

/** No knowledge source runs in this engine: a tool error, never an empty result that looks like an answer. */
const NO_KNOWLEDGE = toolError('knowledge.notRunning', 'No knowledge source runs here.');

/** The actions an administrator offers as tools (`mcpActions`), and where they run. */
export interface McpActions {
  plugins: PluginsApi;
  names: string[];
}

/**
 * The knowledge base as an MCP server for the city's AI platform: `search_knowledge` and
 * `fetch_passage`, plus the actions chosen in settings, always as `actor` — the principal of
 * the Kiban API token (or session) the request carried, so a client sees exactly the
 * classifications that principal may read and does only what it may do.
 */
export function knowledgeMcpServer(
  retrieval: KnowledgeRetrieval | null,
  actor: Actor,
  version: string,
  actions: McpActions,
): McpServer {
  const server = new McpServer({ name: 'kiban-knowledge', version });
  server.registerTool(
    'search_knowledge',
    {
      title: 'Search the city knowledge',
      description:
        'Finds passages of the city knowledge base (FAQ, guidance) that answer a question, best first, each with its id, title, text, link and score (0–1: how much of the question it covers).',
      inputSchema: { query: z.string().min(1).max(1000), limit: z.number().int().min(1).max(20).optional() },
    },
    async ({ query, limit }) => {
      if (!retrieval) return NO_KNOWLEDGE;
      const passages = await retrieval.search(query, { actor, limit: limit ?? 5 });
      return json({ passages: passages.map(describe) });
    },
  );
  server.registerTool(
    'fetch_passage',
    {
      title: 'Fetch one passage',
      description: 'One passage of the city knowledge base by its id, as search_knowledge returned it.',
      inputSchema: { id: z.string().min(1).max(200) },
    },
    async ({ id }) => {
      if (!retrieval) return NO_KNOWLEDGE;
      const passage = await retrieval.fetch(id, actor);
      if (!passage) return toolError('passage.notFound', `There is no passage "${id}" you may read.`);
      return json({ passage: describe(passage) });
    },
  );
  registerActionTools(server, actions.plugins, actions.names, actor);
  return server;
}

function describe(passage: Passage) {
  return {
    id: passage.id,
    sourceId: passage.sourceId ?? null,
    title: passage.title,
    text: passage.text,
    url: passage.url ?? null,
    score: passage.score,
    classification: passage.classification,
  };
}

/**
 * One MCP request over streamable HTTP, stateless: a server and transport for this request
 * only (no session kept between requests, so any engine process can serve the next one), with
 * JSON responses.
 */
export async function handleMcpRequest(
  request: Request,
  retrieval: KnowledgeRetrieval | null,
  actor: Actor,
  version: string,
  actions: McpActions,
): Promise<Response> {
  const server = knowledgeMcpServer(retrieval, actor, version, actions);
  const transport = new WebStandardStreamableHTTPServerTransport({
    sessionIdGenerator: undefined,
    enableJsonResponse: true,
  });
  await server.connect(transport);
  try {
    return await transport.handleRequest(request);
  } finally {
    await server.close();
  }
}
