import type { PluginContext } from '@kiban/sdk';
import { KNOWLEDGE_PLUGIN, KnowledgePluginRetrieval, RESIDENT_KINDS } from './knowledge-retrieval.ts';
import type { Classification, KnowledgeRetrieval } from './retrieval.ts';

/**
 * The knowledge the concierge answers from: the knowledge plugin when it runs in this engine,
 * otherwise none — the concierge then says it has no knowledge source and offers a person.
 */
export function knowledgeSource(
  ctx: PluginContext,
  kinds: string[] = RESIDENT_KINDS,
  classifications?: Classification[],
): KnowledgeRetrieval | null {
  return ctx.plugins.has(KNOWLEDGE_PLUGIN) ? new KnowledgePluginRetrieval(ctx, kinds, classifications) : null;
}
