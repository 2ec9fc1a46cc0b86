import type { Actor, PluginContext } from '@kiban/sdk';
import type { AskDependencies } from '../concierge/ask.ts';
import { knowledgeSource } from '../retrieval/knowledge-source.ts';
import { configuredModel, readSettings } from '../settings.ts';
import { agentModelAnswer } from './agent-answer.ts';
import { agentFor, DEFAULT_MAX_TOOL_CALLS } from './agent-definition.ts';
import { AgentToolbox } from './agent-tools.ts';

/**
 * What one question is answered with: the concierge's own knowledge of `kinds` and the
 * configured answerer, or — when `agentName` is given — that published agent's knowledge,
 * answerer, model, tools and limits, once `actor` is allowed to run it. An agent that wants a
 * model where none is configured answers with the extractive answerer, and says so (`mode`).
 */
export async function askDependencies(
  ctx: PluginContext,
  actor: Actor,
  agentName: string | undefined,
  kinds: string[],
): Promise<AskDependencies> {
  const settings = await readSettings(ctx);
  if (!agentName) return { ctx, retrieval: knowledgeSource(ctx, kinds), settings };
  const agent = agentFor(ctx, actor, agentName);
  const model =
    agent.answerer === 'model' ? configuredModel({ ...settings, model: agent.model ?? settings.model }) : null;
  const limit = agent.limits?.maxToolCalls ?? DEFAULT_MAX_TOOL_CALLS;
  const toolbox = new AgentToolbox(ctx, actor, agent.tools ?? [], limit);
  return {
    ctx,
    retrieval: knowledgeSource(ctx, agent.knowledge.kinds, agent.knowledge.classifications),
    settings,
    model,
    agent: {
      name: agent.name,
      toolCalls: () => toolbox.trace,
      write: (chat, question, passages, language, onDelta) =>
        agentModelAnswer(agent, toolbox, chat, question, passages, language, onDelta),
    },
  };
}
