// Agents: instructions, knowledge, tools and limits of an assistant that acts as the signed-in person.
import type { I18nText, MetadataBase } from './common.ts';

export type AgentKnowledgeKind = 'faq' | 'benefit' | 'article';
export type AgentClassification = 'public' | 'staff' | 'confidential';

export interface AgentMetadata extends MetadataBase {
  kind: 'agent';
  /** Roles allowed to run it; absent or empty means any signed-in principal. */
  roles?: string[];
  instructions: I18nText;
  /** What it answers from: narrowed to what the running principal may read, never widened. */
  knowledge: { kinds: AgentKnowledgeKind[]; classifications?: AgentClassification[] };
  /** `<plugin>.<action>` names the model may call, each as the running principal. */
  tools?: string[];
  answerer: 'extractive' | 'model';
  model?: string;
  limits?: { maxToolCalls?: number; maxTokens?: number; timeoutMs?: number };
}
