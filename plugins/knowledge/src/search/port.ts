import type { SearchDocument, SearchHit } from './engine.ts';

/** Which passages a search may return; every condition holds (absent: no restriction). */
export interface SearchFilter {
  classifications?: string[];
  kinds?: string[];
  city?: string;
}

/** What an adapter needs in a hit's metadata to filter on it. */
export interface FilterableMeta {
  classification: string;
  kind: string;
  city?: string;
}

/**
 * The search port of the platform (see the design document): documents in, ranked hits out.
 * The embedded adapter runs in the engine's process; the Meilisearch adapter uses a server.
 */
export interface SearchPort<M extends FilterableMeta> {
  put(documents: SearchDocument<M>[]): Promise<void>;
  remove(ids: string[]): Promise<void>;
  setSynonyms(groups: string[][]): Promise<void>;
  search(query: string, options: { limit?: number; filter?: SearchFilter }): Promise<SearchHit<M>[]>;
}

export function matchesFilter(meta: FilterableMeta, filter: SearchFilter | undefined): boolean {
  if (!filter) return true;
  if (filter.classifications && !filter.classifications.includes(meta.classification)) return false;
  if (filter.kinds && !filter.kinds.includes(meta.kind)) return false;
  return !(filter.city && meta.kind === 'sorting' && meta.city !== filter.city);
}
