import { randomUUID } from 'node:crypto';
import { AgentCard, formatSSEEvent, Role, SSE_HEADERS } from '@a2a-js/sdk';
import {
  AgentEvent,
  type AgentExecutor,
  DefaultRequestHandler,
  InMemoryTaskStore,
  JsonRpcTransportHandler,
  ServerCallContext,
} from '@a2a-js/sdk/server';
import { type Actor, isPluginError, type PluginContext, PluginError } from '@kiban/sdk';
import { agentFor } from '../agents/agent-definition.ts';
import { askDependencies } from '../agents/ask-dependencies.ts';
import { ask } from '../concierge/ask.ts';
import { RESIDENT_KINDS } from '../retrieval/knowledge-retrieval.ts';
import { agentCard } from './agent-card.ts';

const MESSAGE_LIMIT = 2000;

/** `GET /a2a/:agent/agent-card.json`: the card of an agent `actor` may run (404, 403 otherwise). */
export function agentCardJson(ctx: PluginContext, actor: Actor, name: string, endpoint: string): unknown {
  return AgentCard.toJSON(agentCard(agentFor(ctx, actor, name), endpoint, ctx.plugin.version));
}

/**
 * `POST /a2a/:agent`: A2A JSON-RPC (`SendMessage`) to a published agent, as `actor` — the
 * principal of the API token the request carried. The agent answers each message exactly as
 * `ask` with that agent does (rate limit, masking, refusals, citations, the number check, the
 * trace), in one agent message: the answer as text, and the status, mode, citations and
 * conversation in its metadata; a refusal (429 too many questions, a message without text) is a
 * reply too, its metadata `error: { code, status }`. No task is kept: an answer is complete when
 * it is sent.
 */
export async function handleA2aRequest(
  ctx: PluginContext,
  actor: Actor,
  name: string,
  endpoint: string,
  body: unknown,
): Promise<Response> {
  const agent = agentFor(ctx, actor, name);
  const executor: AgentExecutor = {
    async execute(request, bus) {
      const reply = (text: string, metadata: Record<string, unknown>) => {
        const part = {
          content: { $case: 'text' as const, value: text },
          metadata: undefined,
          filename: '',
          mediaType: 'text/plain',
        };
        bus.publish(
          AgentEvent.message({
            messageId: randomUUID(),
            contextId: request.contextId,
            taskId: '',
            role: Role.ROLE_AGENT,
            parts: [part],
            metadata,
            extensions: [],
            referenceTaskIds: [],
          }),
        );
        bus.finished();
      };
      const text = request.userMessage.parts
        .map((part) => (part.content?.$case === 'text' ? part.content.value : ''))
        .join('\n')
        .trim();
      try {
        if (text === '' || text.length > MESSAGE_LIMIT) throw invalidQuestion();
        const deps = await askDependencies(ctx, actor, agent.name, RESIDENT_KINDS);
        const { answer, conversation: _totals, ...details } = await ask(deps, actor, { message: text });
        reply(answer, details);
      } catch (error) {
        // A refusal (too many questions, bad input) is the agent's reply, with the API's code.
        if (!isPluginError(error)) throw error;
        reply(error.localized.en ?? error.localized.ja, { error: { code: error.code, status: error.status } });
      }
    },
    async cancelTask() {},
  };
  const card = agentCard(agent, endpoint, ctx.plugin.version);
  const transport = new JsonRpcTransportHandler(new DefaultRequestHandler(card, new InMemoryTaskStore(), executor));
  const result = await transport.handle(
    body as Record<string, unknown>,
    new ServerCallContext({ requestedVersion: '1.0' }),
  );
  if (Symbol.asyncIterator in result) {
    const events = result;
    const stream = new ReadableStream<Uint8Array>({
      async start(controller) {
        for await (const event of events) controller.enqueue(new TextEncoder().encode(formatSSEEvent(event)));
        controller.close();
      },
    });
    return new Response(stream, { headers: SSE_HEADERS });
  }
  return Response.json(result);
}

function invalidQuestion(): PluginError {
  return new PluginError('ai-concierge.invalidQuestion', 422, {
    ja: `質問は 1〜${MESSAGE_LIMIT} 文字のテキストで送ってください。`,
    en: `Send the question as text of 1 to ${MESSAGE_LIMIT} characters.`,
  });
}
