import { AgentCard } from '@a2a-js/sdk';
import type { AgentDefinition } from '../agents/agent-definition.ts';

/**
 * The A2A agent card of a published agent: its JSON-RPC endpoint (`url`), one skill — answering
 * from the city's knowledge with citations — and the Kiban API token it must be called with
 * (`Authorization: Bearer kbn_…`), whose principal it then acts as.
 */
export function agentCard(agent: AgentDefinition, url: string, version: string): AgentCard {
  return AgentCard.fromJSON({
    name: agent.label.en ?? agent.label.ja,
    description: `${agent.label.ja}: answers only from the city's knowledge, with citations, as the calling principal.`,
    version,
    supportedInterfaces: [{ url, protocolBinding: 'JSONRPC', protocolVersion: '1.0' }],
    capabilities: { streaming: false, pushNotifications: false },
    securitySchemes: { kibanToken: { httpAuthSecurityScheme: { scheme: 'Bearer', description: 'A Kiban API token' } } },
    securityRequirements: [{ schemes: { kibanToken: { list: [] } } }],
    defaultInputModes: ['text/plain'],
    defaultOutputModes: ['text/plain'],
    skills: [
      {
        id: 'answer',
        name: 'Answer from the city knowledge',
        description: 'Answers a question from the knowledge this agent uses, citing each passage, or declines.',
        tags: ['knowledge', 'citations'],
      },
    ],
  });
}
