import { Meilisearch } from 'meilisearch';
import type { SearchDocument, SearchHit } from './engine.ts';
import type { FilterableMeta, SearchFilter, SearchPort } from './port.ts';

/** Meilisearch ids allow only letters, digits, - and _: other characters are hex-escaped. */
function toMeiliId(id: string): string {
  return Array.from(id, (char) => (/[A-Za-z0-9-]/.test(char) ? char : `_${char.codePointAt(0)?.toString(16)}_`)).join(
    '',
  );
}

function quote(value: string): string {
  return `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

function filterExpression(filter: SearchFilter | undefined): string[] {
  if (!filter) return [];
  const parts: string[] = [];
  if (filter.classifications) parts.push(`classification IN [${filter.classifications.map(quote).join(', ')}]`);
  if (filter.kinds) parts.push(`kind IN [${filter.kinds.map(quote).join(', ')}]`);
  if (filter.city) parts.push(`(kind != "sorting" OR city = ${quote(filter.city)})`);
  return parts;
}

/**
 * The search port on a Meilisearch server (`meilisearch` client): title, keywords and body as
 * searchable attributes in that order (Meilisearch ranks earlier attributes higher), the filter
 * fields as filterable attributes, and the synonym dictionary as Meilisearch synonyms. Japanese
 * segmentation is the server's own. Writes wait for the server's task to finish.
 */
export async function meilisearchSearch<M extends FilterableMeta>(options: {
  url: string;
  apiKey?: string;
  index?: string;
}): Promise<SearchPort<M>> {
  const client = new Meilisearch({ host: options.url, apiKey: options.apiKey });
  const index = client.index(options.index ?? 'kiban-knowledge');
  await client.createIndex(index.uid, { primaryKey: 'id' }).waitTask();
  await index
    .updateSettings({
      searchableAttributes: ['title', 'keywords', 'body'],
      filterableAttributes: ['classification', 'kind', 'city'],
      localizedAttributes: [{ attributePatterns: ['title', 'keywords', 'body'], locales: ['jpn'] }],
    })
    .waitTask();
  return {
    async put(documents: SearchDocument<M>[]) {
      if (documents.length === 0) return;
      const rows = documents.map((document) => ({
        id: toMeiliId(document.id),
        sourceId: document.id,
        title: document.fields.title ?? '',
        keywords: document.fields.keywords ?? '',
        body: document.fields.body ?? '',
        classification: document.meta.classification,
        kind: document.meta.kind,
        city: document.meta.city ?? null,
        meta: document.meta,
      }));
      await index.addDocuments(rows).waitTask();
    },
    async remove(ids: string[]) {
      if (ids.length > 0) await index.deleteDocuments(ids.map(toMeiliId)).waitTask();
    },
    async setSynonyms(groups: string[][]) {
      const synonyms: Record<string, string[]> = {};
      for (const group of groups)
        for (const word of group)
          synonyms[word] = [...new Set([...(synonyms[word] ?? []), ...group.filter((other) => other !== word)])];
      await index.updateSynonyms(synonyms).waitTask();
    },
    async search(query: string, searchOptions: { limit?: number; filter?: SearchFilter }): Promise<SearchHit<M>[]> {
      const response = await index.search<{ sourceId: string; meta: M }>(query.slice(0, 200), {
        limit: searchOptions.limit ?? 10,
        filter: filterExpression(searchOptions.filter),
        showRankingScore: true,
      });
      return response.hits.map((hit) => ({ id: hit.sourceId, score: Number(hit._rankingScore ?? 0), meta: hit.meta }));
    },
  };
}
