import { JapaneseSearch } from './engine.ts';
import { type FilterableMeta, matchesFilter, type SearchPort } from './port.ts';

/** The default adapter: the embedded Japanese search, in the engine's process, no server needed. */
export async function embeddedSearch<M extends FilterableMeta>(
  synonyms: string[][] = [],
): Promise<SearchPort<M> & { engine: JapaneseSearch<M> }> {
  const engine = await JapaneseSearch.create<M>({ synonyms });
  return {
    engine,
    async put(documents) {
      for (const document of documents) engine.add(document);
    },
    async remove(ids) {
      for (const id of ids) engine.remove(id);
    },
    async setSynonyms(groups) {
      engine.setSynonyms(groups);
    },
    async search(query, options) {
      return engine.search(query, { limit: options.limit, accept: (meta) => matchesFilter(meta, options.filter) });
    },
  };
}
