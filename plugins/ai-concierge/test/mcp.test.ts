import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  faqRecords,
  SEEDING_TIMEOUT,
  STAFF_MANUAL,
  seedKnowledge,
  signInResident,
  signInStaff,
  startHost,
  type TestHost,
} from './support.ts';

/** Sends the MCP client's HTTP requests through the engine's API in-process, with only the bearer token. */
function engineFetch(host: TestHost): typeof fetch {
  return async (input, init) => {
    const url = new URL(String(input));
    const headers = Object.fromEntries(new Headers(init?.headers).entries());
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const response = await host.request(init?.method ?? 'GET', url.pathname, { body, headers });
    const text =
      response.body === undefined || response.body === ''
        ? null
        : typeof response.body === 'string'
          ? response.body
          : JSON.stringify(response.body);
    return new Response(response.status === 202 || response.status === 204 ? null : text, {
      status: response.status,
      headers: response.headers,
    });
  };
}

async function tokenFor(host: TestHost, principalId: string): Promise<string> {
  const created = await host.request('POST', `/api/admin/principals/${principalId}/tokens`, {
    as: 'admin',
    body: { name: 'city AI platform' },
  });
  expect(created.status).toBe(201);
  return created.body.token;
}

async function connect(host: TestHost, token: string): Promise<Client> {
  const client = new Client({ name: 'city-ai-platform', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL('http://engine/api/plugins/ai-concierge/mcp'), {
    fetch: engineFetch(host),
    requestInit: { headers: { authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  return client;
}

const payload = (result: unknown) =>
  JSON.parse((result as { content: Array<{ text: string }> }).content[0]?.text ?? 'null');

describe('the knowledge base over MCP', () => {
  let host: TestHost;
  let staffManualId: string;
  let secondFaqId: string;

  beforeAll(async () => {
    host = await startHost('pglite');
    const ids = await seedKnowledge(host, [...faqRecords().slice(0, 60), STAFF_MANUAL]);
    staffManualId = ids.at(-1) as string;
    secondFaqId = ids[1] as string;
  }, SEEDING_TIMEOUT);
  afterAll(() => host?.close());

  it('lists the tools and searches as the principal of the API token: a resident token finds no staff passage', async () => {
    const resident = await signInResident(host);
    const client = await connect(
      host,
      await tokenFor(host, resident.actor.kind === 'principal' ? resident.actor.id : ''),
    );
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(['fetch_passage', 'search_knowledge']);

    const found = payload(
      await client.callTool({
        name: 'search_knowledge',
        arguments: { query: 'マイナンバーカードはどこで受け取れますか', limit: 3 },
      }),
    );
    expect(found.passages[0]).toMatchObject({
      id: expect.stringMatching(/^KnowledgeFaq:/),
      sourceId: 'kobe-mn-001',
      classification: 'public',
      url: expect.stringMatching(/^https:/),
    });
    expect(found.passages).toHaveLength(3);

    const staffQuery = payload(
      await client.callTool({
        name: 'search_knowledge',
        arguments: { query: '職員向けマニュアル 交付時の本人確認 統括係長' },
      }),
    );
    expect(staffQuery.passages.map((passage: { id: string }) => passage.id)).not.toContain(staffManualId);
    const fetched = await client.callTool({ name: 'fetch_passage', arguments: { id: staffManualId } });
    expect(fetched.isError).toBe(true);
    expect(
      payload(await client.callTool({ name: 'fetch_passage', arguments: { id: secondFaqId } })).passage.title,
    ).toContain('義務');
    await client.close();
  });

  it('gives a staff token the staff passages', async () => {
    const staff = await signInStaff(host);
    const client = await connect(host, await tokenFor(host, staff.actor.kind === 'principal' ? staff.actor.id : ''));
    const fetched = payload(await client.callTool({ name: 'fetch_passage', arguments: { id: staffManualId } }));
    expect(fetched.passage.classification).toBe('staff');
    await client.close();
  });

  it('refuses a request without a valid token, and bad tool input', async () => {
    const anonymous = await host.request('POST', '/api/plugins/ai-concierge/mcp', {
      body: { jsonrpc: '2.0', id: 1, method: 'tools/list' },
      headers: { accept: 'application/json, text/event-stream' },
    });
    expect(anonymous.status).toBe(401);
    await expect(connect(host, 'kbn_not-a-token')).rejects.toThrow();
    const resident = await signInResident(host);
    const client = await connect(
      host,
      await tokenFor(host, resident.actor.kind === 'principal' ? resident.actor.id : ''),
    );
    const bad = await client.callTool({ name: 'search_knowledge', arguments: { query: '', limit: 500 } });
    expect(bad.isError).toBe(true);
    await client.close();
  });

  it('offers the actions chosen in settings as tools, run as the token’s principal with the engine’s checks', async () => {
    expect(
      (
        await host.setSettings('ai-concierge', {
          mcpActions: ['knowledge.areas', 'knowledge.revise', 'knowledge.nothing', 'absent.plugin'],
        })
      ).status,
    ).toBe(200);
    const resident = await signInResident(host);
    const client = await connect(
      host,
      await tokenFor(host, resident.actor.kind === 'principal' ? resident.actor.id : ''),
    );
    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual([
      'fetch_passage',
      'knowledge.areas',
      'knowledge.revise',
      'search_knowledge',
    ]);
    const revise = tools.find((tool) => tool.name === 'knowledge.revise');
    expect(revise?.inputSchema).toMatchObject({
      type: 'object',
      required: ['entity', 'id'],
      properties: { id: { type: 'string' } },
    });

    expect(payload(await client.callTool({ name: 'knowledge.areas', arguments: {} }))).toHaveProperty('result');
    // The action refuses a resident itself: the tool says so and nothing is written.
    const refused = await client.callTool({
      name: 'knowledge.revise',
      arguments: { entity: 'KnowledgeFaq', id: '1' },
    });
    expect(refused.isError).toBe(true);
    expect(payload(refused).error.code).toBe('knowledge.forbidden');
    const invalid = await client.callTool({ name: 'knowledge.revise', arguments: { entity: 'Resident', id: 'x' } });
    expect(invalid.isError).toBe(true);
    await client.close();
    await host.setSettings('ai-concierge', {});
  });

  it('refuses actions that are not named as <plugin>.<action> in settings', async () => {
    expect((await host.setSettings('ai-concierge', { mcpActions: ['knowledge'] })).status).toBe(422);
  });
});
