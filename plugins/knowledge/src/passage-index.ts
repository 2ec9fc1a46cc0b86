import type { PluginContext } from '@kiban/sdk';
import { type AnalyzedDocument, JapaneseSearch } from './search/index.ts';
import { documentOf, type PassageMeta } from './sources.ts';
import { loadSynonyms } from './synonym-source.ts';

const PAGE = 2_000;
/** A sequence number skipped by a transaction still open is looked for again this long, then given up (rolled back). */
const HOLE_MILLISECONDS = 30_000;
const MAX_HOLES = 10_000;

interface PassageRow {
  id: string;
  document: AnalyzedDocument<PassageMeta> | string | null;
  removed: boolean;
  seq: string | number;
}

/**
 * The in-process search index of one engine process, kept in step with the plugin's `passage`
 * table: the event handler (on whichever process receives the event) analyses the changed
 * record once and writes its row in the handler's transaction; every process reads the rows
 * changed since it last looked, a few times a second and before each search (`catchUp`), so a
 * search finds every passage committed before it began. A sequence number skipped because its
 * transaction had not committed yet is looked for again until it appears or times out.
 */
export class PassageIndex {
  readonly search: JapaneseSearch<PassageMeta>;
  #cursor = 0;
  #holes = new Map<number, number>();
  #synonymStamp = '';
  /** The read of changed rows under way, and the one queued behind it: reads never overlap. */
  #reading: Promise<void> | null = null;
  #queued: Promise<void> | null = null;

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
    const [record] = await ctx.data({ kind: 'system' }).list(entity, { filter: { id: { eq: recordId } }, limit: 1 });
    const document = record ? documentOf(entity, record) : null;
    const analysed = document ? this.search.analyzeDocument(document) : null;
    await ctx.sql.query(
      `insert into passage (id, source_entity, source_id, document, removed, seq)
       values ($1, $2, $3, $4::jsonb, $5, nextval('passage_seq'))
       on conflict (id) do update set document = excluded.document, removed = excluded.removed,
         seq = excluded.seq, updated_at = now()`,
      [`${entity}:${recordId}`, entity, recordId, analysed ? JSON.stringify(analysed) : null, analysed === null],
    );
  }

  /** Applies the passages changed since the last look, and reloads the synonyms when staff changed them. */
  async refresh(ctx: PluginContext): Promise<void> {
    await this.catchUp(ctx);
    await this.#refreshSynonyms(ctx);
  }

  /**
   * Applies every passage committed before the call. A read already under way may have begun
   * before the caller's commit, so the caller waits for the next one; callers arriving
   * meanwhile share it, and a search costs at most one indexed query of the changed rows.
   */
  catchUp(ctx: PluginContext): Promise<void> {
    if (!this.#reading) return this.#startReading(ctx);
    this.#queued ??= this.#reading
      .catch(() => undefined)
      .then(() => {
        this.#queued = null;
        return this.#startReading(ctx);
      });
    return this.#queued;
  }

  #startReading(ctx: PluginContext): Promise<void> {
    const reading = this.#readChanges(ctx).finally(() => {
      if (this.#reading === reading) this.#reading = null;
    });
    this.#reading = reading;
    return reading;
  }

  async #readChanges(ctx: PluginContext): Promise<void> {
    if (this.#holes.size > 0) {
      const holes = [...this.#holes.keys()];
      const { rows } = await ctx.sql.query<PassageRow>(
        'select id, document, removed, seq from passage where seq = any($1::bigint[])',
        [holes],
      );
      for (const row of rows) this.#apply(row);
      const now = Date.now();
      for (const [seq, since] of this.#holes) if (now - since > HOLE_MILLISECONDS) this.#holes.delete(seq);
    }
    for (;;) {
      const { rows } = await ctx.sql.query<PassageRow>(
        'select id, document, removed, seq from passage where seq > $1 order by seq limit $2',
        [this.#cursor, PAGE],
      );
      for (const row of rows) {
        const seq = Number(row.seq);
        for (let missing = this.#cursor + 1; missing < seq && this.#holes.size < MAX_HOLES; missing++)
          this.#holes.set(missing, Date.now());
        this.#apply(row);
        this.#cursor = seq;
      }
      if (rows.length < PAGE) break;
    }
  }

  #apply(row: PassageRow): void {
    this.#holes.delete(Number(row.seq));
    const document =
      typeof row.document === 'string' ? (JSON.parse(row.document) as AnalyzedDocument<PassageMeta>) : row.document;
    if (row.removed || !document) this.search.remove(row.id);
    else this.search.putAnalyzed(document);
  }

  async #refreshSynonyms(ctx: PluginContext): Promise<void> {
    const data = ctx.data({ kind: 'system' });
    const [latest] = await data.list('KnowledgeSynonym', { sort: '-updatedAt', limit: 1 });
    const stamp = `${await data.count('KnowledgeSynonym')}:${latest?.updatedAt ?? ''}`;
    if (stamp === this.#synonymStamp) return;
    this.#synonymStamp = stamp;
    this.search.setSynonyms(await loadSynonyms(ctx));
  }
}
