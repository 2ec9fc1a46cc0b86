import type { Actor, PluginContext } from '@kiban/sdk';
import { type IndexedPassage, InterimPassageIndex } from './interim-index.ts';
import { type Classification, type KnowledgeRetrieval, type Passage, visibleClassifications } from './retrieval.ts';

interface PassageRow {
  id: string;
  title: string;
  body: string;
  url: string | null;
  classification: Classification;
  department: string | null;
  updated_at: Date | string;
  /** `updated_at` as text, to the microsecond: the change stamp compared between looks. */
  stamp: string;
}

/** How often a process looks for passages another process imported. */
const REFRESH_MILLISECONDS = 1_000;

/**
 * The interim retrieval: passages imported into the concierge's own table, searched by the
 * in-memory `InterimPassageIndex`, which each process brings up to date from the table.
 */
export class StoredPassageRetrieval implements KnowledgeRetrieval {
  readonly #ctx: PluginContext;
  readonly #index = new InterimPassageIndex();
  #cursor = '1970-01-01T00:00:00.000Z';
  /** The change stamp applied for each passage: rows read again at the cursor are not indexed twice. */
  readonly #applied = new Map<string, string>();
  #checkedAt = 0;
  #loading: Promise<void> | undefined;

  constructor(ctx: PluginContext) {
    this.#ctx = ctx;
  }

  async search(query: string, options: { actor: Actor; limit: number }): Promise<Passage[]> {
    await this.refresh();
    return this.#index.search(query, { classifications: visibleClassifications(options.actor), limit: options.limit });
  }

  async fetch(id: string, actor: Actor): Promise<Passage | null> {
    await this.refresh();
    const passage = this.#index.get(id);
    if (!passage || !visibleClassifications(actor).includes(passage.classification)) return null;
    return { ...passage, score: 1 };
  }

  /** Stores passages (replacing those with the same id) and indexes them in this process at once. */
  async import(passages: IndexedPassage[]): Promise<number> {
    for (const passage of passages) {
      const { rows } = await this.#ctx.sql.query<{ stamp: string }>(
        `INSERT INTO interim_passage (id, title, body, url, classification, department, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, clock_timestamp())
         ON CONFLICT (id) DO UPDATE SET title = $2, body = $3, url = $4, classification = $5, department = $6, updated_at = clock_timestamp()
         RETURNING updated_at::text AS stamp`,
        [
          passage.id,
          passage.title,
          passage.text,
          passage.url ?? null,
          passage.classification,
          passage.department ?? null,
        ],
      );
      this.#index.put(passage);
      this.#applied.set(passage.id, rows[0]?.stamp ?? '');
    }
    return passages.length;
  }

  /** Reads the passages changed since the last look (at most once a second, one reader at a time). */
  async refresh(): Promise<void> {
    if (Date.now() - this.#checkedAt < REFRESH_MILLISECONDS) return this.#loading;
    this.#checkedAt = Date.now();
    this.#loading = this.#load();
    await this.#loading;
  }

  async #load(): Promise<void> {
    const { rows } = await this.#ctx.sql.query<PassageRow>(
      'SELECT *, updated_at::text AS stamp FROM interim_passage WHERE updated_at >= $1 ORDER BY updated_at',
      [this.#cursor],
    );
    for (const row of rows) {
      if (this.#applied.get(row.id) === row.stamp) continue;
      this.#applied.set(row.id, row.stamp);
      this.#index.put({
        id: row.id,
        title: row.title,
        text: row.body,
        url: row.url ?? undefined,
        classification: row.classification,
        department: row.department ?? undefined,
      });
      const changed = new Date(row.updated_at).toISOString();
      if (changed > this.#cursor) this.#cursor = changed;
    }
  }
}
