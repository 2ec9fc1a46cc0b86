import type { PluginContext } from '@kiban/sdk';
import { listAll } from './list-all.ts';
import { type AnalyzedDocument, JapaneseSearch } from './search/index.ts';
import { documentOf, type PassageMeta } from './sources.ts';
import { loadSynonyms } from './synonym-source.ts';

const SYSTEM = { kind: 'system' } as const;
/** Rows committed a little out of order are caught by reading this far behind the last change seen. */
const OVERLAP_MILLISECONDS = 5_000;

/**
 * The in-process search index of one engine process, kept in step with the shared
 * `SearchPassage` records: the event handler (on whichever process receives the event)
 * analyses the changed record once and writes its passage; every process reads the passages
 * changed since it last looked, a few times a second.
 */
export class PassageIndex {
  readonly search: JapaneseSearch<PassageMeta>;
  #cursor = '1970-01-01T00:00:00.000Z';
  #applied = new Map<string, number>();
  #synonymStamp = '';

  private constructor(search: JapaneseSearch<PassageMeta>) {
    this.search = search;
  }

  static async open(ctx: PluginContext): Promise<PassageIndex> {
    const index = new PassageIndex(await JapaneseSearch.create<PassageMeta>());
    await index.refresh(ctx);
    return index;
  }

  /** Writes the passage of one changed record (in the caller's transaction): analysed, or removed. */
  async write(ctx: PluginContext, entity: string, recordId: string): Promise<void> {
    const data = ctx.data(SYSTEM);
    const record = await data.list(entity, { filter: { id: { eq: recordId } }, limit: 1 });
    const document = record[0] ? documentOf(entity, record[0]) : null;
    const analysed = document ? this.search.analyzeDocument(document) : null;
    const existing = await data.list('SearchPassage', {
      filter: { sourceEntity: { eq: entity }, sourceId: { eq: recordId } },
      limit: 1,
    });
    const values = { document: analysed, removed: analysed === null };
    if (existing[0]) await data.update('SearchPassage', String(existing[0].id), values);
    else if (analysed) await data.create('SearchPassage', { sourceEntity: entity, sourceId: recordId, ...values });
  }

  /** Applies the passages changed since the last look, and reloads the synonyms when staff changed them. */
  async refresh(ctx: PluginContext): Promise<void> {
    const since = new Date(Date.parse(this.#cursor) - OVERLAP_MILLISECONDS).toISOString();
    const changed = await listAll(ctx, 'SearchPassage', { updatedAt: { gte: since } }, 'updatedAt,id');
    for (const passage of changed) {
      const id = String(passage.id);
      const version = Number(passage.version);
      if (this.#applied.get(id) === version) continue;
      this.#applied.set(id, version);
      const document = passage.document as AnalyzedDocument<PassageMeta> | null;
      if (passage.removed || !document) this.search.remove(`${passage.sourceEntity}:${passage.sourceId}`);
      else this.search.putAnalyzed(document);
      if (String(passage.updatedAt) > this.#cursor) this.#cursor = String(passage.updatedAt);
    }
    await this.#refreshSynonyms(ctx);
  }

  async #refreshSynonyms(ctx: PluginContext): Promise<void> {
    const data = ctx.data(SYSTEM);
    const [latest] = await data.list('KnowledgeSynonym', { sort: '-updatedAt', limit: 1 });
    const stamp = `${await data.count('KnowledgeSynonym')}:${latest?.updatedAt ?? ''}`;
    if (stamp === this.#synonymStamp) return;
    this.#synonymStamp = stamp;
    this.search.setSynonyms(await loadSynonyms(ctx));
  }
}
