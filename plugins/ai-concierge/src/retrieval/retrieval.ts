import type { Actor } from '@kiban/sdk';

/** The retrieval port: the city's knowledge as the concierge reads it, always as one actor. */

export type Classification = 'public' | 'staff' | 'confidential';

export interface Passage {
  /** `Entity:recordId` of the knowledge record. */
  id: string;
  /** The record's id in the city's own catalogue (an FAQ number), when it has one. */
  sourceId?: string;
  title: string;
  text: string;
  url?: string;
  /** How well the passage covers the question, 0–1: the share of the question's terms it holds (`coverage.ts`). */
  score: number;
  /** The knowledge search's ranking score, for the trace (not on the 0–1 scale). */
  searchScore?: number;
  classification: Classification;
  /** The department that answers questions about it, when the knowledge names one. */
  department?: string;
}

export interface SearchOptions {
  /** Whose view of the knowledge: a resident never receives a staff-only or confidential passage. */
  actor: Actor;
  limit: number;
}

export interface KnowledgeRetrieval {
  search(query: string, options: SearchOptions): Promise<Passage[]>;
  /** One passage by id, or null when it does not exist or `actor` may not see it. */
  fetch(id: string, actor: Actor): Promise<Passage | null>;
}

/** Staff with this role (or administrators) also find confidential knowledge. */
export const CONFIDENTIAL_ROLE = 'knowledge-confidential';

/**
 * What an actor may read — the knowledge plugin's rule: residents public knowledge only, staff
 * also staff-only knowledge, confidential knowledge only staff holding the confidential role.
 * Nothing in a question or a passage changes it.
 */
export function visibleClassifications(actor: Actor): Classification[] {
  if (actor.kind === 'system') return ['public', 'staff', 'confidential'];
  if (actor.principalKind !== 'staff') return ['public'];
  if (actor.roles.includes(CONFIDENTIAL_ROLE) || actor.roles.includes('admin'))
    return ['public', 'staff', 'confidential'];
  return ['public', 'staff'];
}
