import type { Actor, PluginContext } from '@kiban/sdk';
import { coverage } from './coverage.ts';
import type { Classification, KnowledgeRetrieval, Passage, SearchOptions } from './retrieval.ts';

/** The knowledge plugin, whose search and passages the concierge answers from. */
export const KNOWLEDGE_PLUGIN = 'knowledge';

/** The kinds of knowledge a resident's answer may quote; the garbage dictionary has its own page. */
export const RESIDENT_KINDS = ['faq', 'benefit', 'article'];
/** What the staff concierge answers from: manuals, rules and staff articles. */
export const STAFF_KINDS = ['article'];

interface SearchResponse {
  results: Array<{ entity: string; recordId: string; score: number }>;
}

interface KnowledgePassage {
  id: string;
  externalId?: string;
  title: string;
  text: string;
  url?: string;
  classification: Classification;
  department?: string;
}

/**
 * The retrieval port over the knowledge plugin, through `ctx.plugins.call` as the asking
 * principal: `knowledge.search` ranks (a resident's search never returns a staff-only or
 * confidential record), `knowledge.passages` gives the found passages in full under the same
 * rule. Each passage is scored by how much of the question it covers (`coverage.ts`); the
 * search's own score is kept as `searchScore` for the trace.
 */
export class KnowledgePluginRetrieval implements KnowledgeRetrieval {
  readonly #ctx: PluginContext;
  readonly #kinds: string[];
  readonly #classifications: ReadonlySet<Classification> | null;

  /**
   * `classifications` narrows what is used (an agent's knowledge); the knowledge plugin's rule of
   * what the actor may read applies first, so naming more widens nothing.
   */
  constructor(ctx: PluginContext, kinds: string[] = RESIDENT_KINDS, classifications?: Classification[]) {
    this.#ctx = ctx;
    this.#kinds = kinds;
    this.#classifications = classifications ? new Set(classifications) : null;
  }

  async search(query: string, { actor, limit }: SearchOptions): Promise<Passage[]> {
    const found = await this.#ctx.plugins.call<SearchResponse>(
      KNOWLEDGE_PLUGIN,
      'search',
      { query: query.slice(0, 10000), kinds: this.#kinds, limit },
      actor,
    );
    if (found.results.length === 0) return [];
    const searchScores = new Map(found.results.map((hit) => [`${hit.entity}:${hit.recordId}`, hit.score]));
    const passages = await this.#passages([...searchScores.keys()], actor);
    return passages
      .map((passage) => ({
        ...toPassage(passage),
        score: coverage(query, passage),
        searchScore: searchScores.get(passage.id),
      }))
      .sort((a, b) => b.score - a.score || (b.searchScore ?? 0) - (a.searchScore ?? 0));
  }

  async fetch(id: string, actor: Actor): Promise<Passage | null> {
    if (!/^[A-Za-z]+:[0-9a-f-]{36}$/.test(id)) return null;
    const [passage] = await this.#passages([id], actor);
    return passage ? { ...toPassage(passage), score: 1 } : null;
  }

  async #passages(ids: string[], actor: Actor): Promise<KnowledgePassage[]> {
    const answer = await this.#ctx.plugins.call<{ passages: KnowledgePassage[] }>(
      KNOWLEDGE_PLUGIN,
      'passages',
      { ids },
      actor,
    );
    const narrowed = this.#classifications;
    return narrowed ? answer.passages.filter((passage) => narrowed.has(passage.classification)) : answer.passages;
  }
}

function toPassage(passage: KnowledgePassage): Omit<Passage, 'score'> {
  return {
    id: passage.id,
    sourceId: passage.externalId,
    title: passage.title,
    text: passage.text,
    url: passage.url,
    classification: passage.classification,
    department: passage.department,
  };
}
