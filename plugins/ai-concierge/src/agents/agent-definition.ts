import { type Actor, type PluginContext, PluginError } from '@kiban/sdk';
import type { Classification } from '../retrieval/retrieval.ts';

/**
 * An agent as the metadata language defines it (`metadata/schema/agent.json`, kind `agent`):
 * published, versioned and exported in packages like every item, read here from the live
 * metadata at each run.
 */
export interface AgentDefinition {
  name: string;
  label: { ja: string; en?: string };
  roles?: string[];
  instructions: { ja: string; en?: string };
  knowledge: { kinds: string[]; classifications?: Classification[] };
  tools?: string[];
  answerer: 'extractive' | 'model';
  model?: string;
  limits?: { maxToolCalls?: number; maxTokens?: number; timeoutMs?: number };
}

export const AGENT_KIND = 'agent';
export const DEFAULT_MAX_TOOL_CALLS = 3;

/**
 * The published agent `name`, if `actor` may run it: one of its roles is needed when it names
 * any. A missing agent is 404, a refused one 403 — before anything is searched or stored.
 */
export function agentFor(ctx: PluginContext, actor: Actor, name: string): AgentDefinition {
  const agent = ctx.metadata.item<AgentDefinition>(AGENT_KIND, name);
  if (!agent) {
    throw new PluginError('ai-concierge.agentNotFound', 404, {
      ja: `エージェント「${name}」はありません。`,
      en: `There is no agent "${name}".`,
    });
  }
  const roles = agent.roles ?? [];
  const allowed = roles.length === 0 || actor.kind === 'system' || roles.some((role) => actor.roles.includes(role));
  if (!allowed) {
    throw new PluginError('ai-concierge.agentDenied', 403, {
      ja: `エージェント「${name}」を使う権限がありません。`,
      en: `You may not run the agent "${name}".`,
    });
  }
  return agent;
}
