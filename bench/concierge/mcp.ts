import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { createApiToken } from '../../engine/src/access/index.ts';
import { knowledgeSource } from '../../plugins/ai-concierge/src/retrieval/knowledge-source.ts';
import { type BenchEngine, signedInStaff } from '../lib/bench-engine.ts';

const CLIENTS = 4;
const CALLS_PER_CLIENT = 25;

/**
 * MCP `search_knowledge` calls per second over streamable HTTP (the engine with the knowledge
 * plugin and its FAQ records, 4 clients with an API token each, one call in flight per client)
 * against the same searches called directly in the process.
 */
export async function runMcpBench(bench: BenchEngine, questions: string[]): Promise<void> {
  const server = await bench.engine.listen();
  try {
    const ctx = bench.engine.plugins.context('ai-concierge');
    const direct = knowledgeSource(ctx);
    if (!direct) throw new Error('the knowledge plugin is not running');
    const staff = await signedInStaff(bench.engine, 'mcp-bench', []);
    const actor = { kind: 'principal' as const, id: staff.id, principalKind: 'staff' as const, roles: [] };
    const directStarted = performance.now();
    for (let i = 0; i < CLIENTS * CALLS_PER_CLIENT; i += 1)
      await direct.search(questions[i % questions.length] as string, { actor, limit: 5 });
    const directRate = (CLIENTS * CALLS_PER_CLIENT) / ((performance.now() - directStarted) / 1000);

    const { token } = await createApiToken(bench.engine.live().sql(), staff.id, 'mcp bench');
    const clients = await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        const client = new Client({ name: 'bench', version: '1.0.0' });
        const endpoint = new URL(`http://127.0.0.1:${server.port}/api/plugins/ai-concierge/mcp`);
        await client.connect(
          new StreamableHTTPClientTransport(endpoint, {
            requestInit: { headers: { authorization: `Bearer ${token}` } },
          }),
        );
        return client;
      }),
    );
    // Warm-up: the first search of each process loads the passages.
    await clients[0]?.callTool({ name: 'search_knowledge', arguments: { query: 'マイナンバー' } });
    const started = performance.now();
    await Promise.all(
      clients.map(async (client, offset) => {
        for (let i = 0; i < CALLS_PER_CLIENT; i += 1) {
          const result = await client.callTool({
            name: 'search_knowledge',
            arguments: { query: questions[(offset + i) % questions.length], limit: 5 },
          });
          if (result.isError) throw new Error('an MCP search failed');
        }
      }),
    );
    const mcpRate = (CLIENTS * CALLS_PER_CLIENT) / ((performance.now() - started) / 1000);
    await Promise.all(clients.map((client) => client.close()));
    console.log(`MCP search_knowledge over HTTP, ${CLIENTS} clients: ${mcpRate.toFixed(0)} calls/s`);
    console.log(
      `direct search in-process, one at a time: ${directRate.toFixed(0)} calls/s; MCP/direct ${(mcpRate / directRate).toFixed(2)}×`,
    );
  } finally {
    await server.close();
  }
}
