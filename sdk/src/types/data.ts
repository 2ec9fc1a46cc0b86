export type RecordData = Record<string, unknown>;

export type Filter = Record<
  string,
  Partial<Record<'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte' | 'in' | 'contains' | 'isNull', unknown>>
>;

/** One group of `DataApi.countBy`: the field's value (null: records without one) and how many records hold it. */
export interface CountedGroup {
  value: unknown;
  count: number;
}

export interface ListOptions {
  filter?: Filter;
  /** `-createdAt,name`. */
  sort?: string;
  /** 1–200, like the REST API's pages; 20 when absent. Page through more with `offset`. */
  limit?: number;
  offset?: number;
  fields?: string[];
}

/**
 * Records of published entities, under exactly the policies the REST API enforces for the
 * actor (role, row and field rules; audit). Inside `ctx.transaction` every call joins it.
 * The `system` actor passes every policy; it alone may set `owner` on create and update, to
 * write on a principal's behalf. `get(…, { forUpdate: true })` locks the row until the
 * transaction ends and is only allowed inside `ctx.transaction`.
 */
export interface DataApi {
  get(entity: string, id: string, options?: { forUpdate?: boolean }): Promise<RecordData>;
  list(entity: string, options?: ListOptions): Promise<RecordData[]>;
  count(entity: string, filter?: Filter): Promise<number>;
  /**
   * `count` per value of `field` (one of the entity's own fields, `owner`, `createdAt` or
   * `updatedAt`), most frequent first: one SQL `GROUP BY` under the same row policy, so a
   * dashboard counts without reading the rows. A field the actor may not see is refused (403).
   */
  countBy(entity: string, field: string, filter?: Filter): Promise<CountedGroup[]>;
  create(entity: string, data: RecordData): Promise<RecordData>;
  /**
   * Many records of one entity at once (an import): every row is checked as `create` checks
   * one — a problem refuses them all, under `/<index>` — then all are written in one statement
   * with one audit row naming them and one `record.created` event each. Rows carry no `owner`
   * and no line items. Answers each new record's id and version, in the rows' order.
   */
  createMany(entity: string, rows: RecordData[]): Promise<Array<{ id: string; version: number }>>;
  update(entity: string, id: string, patch: RecordData, expectedVersion?: number): Promise<RecordData>;
  delete(entity: string, id: string, expectedVersion?: number): Promise<void>;
}

/** A file field's value: the stored file, its type as detected from its bytes, and its SHA-256 (hex). */
export interface FileInfo {
  id: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}

/**
 * Files of records as `actor`, under the same checks as the REST API: attaching needs the
 * update permission on the record and a writable file field, and is held to the field's
 * `maxSize` and `accept` (the type is detected from the bytes); reading needs the record and
 * the field to be readable (a missing, unreadable or empty one is a 404 `file.notFound` or
 * `record.notFound`). Files are not transactional: these calls are refused inside
 * `ctx.transaction`.
 */
export interface FilesApi {
  /** Stores `content` as the field's file (replacing any earlier one) and answers its description. */
  attach(
    entity: string,
    id: string,
    field: string,
    file: { name: string; content: Uint8Array | AsyncIterable<Uint8Array> },
  ): Promise<FileInfo>;
  /** The field's file and its bytes as a stream. */
  read(entity: string, id: string, field: string): Promise<{ file: FileInfo; content: AsyncIterable<Uint8Array> }>;
  /** Clears the field; the bytes are removed shortly after. */
  remove(entity: string, id: string, field: string): Promise<void>;
  /** A download URL for the browser that works without a session for a few minutes. */
  signedUrl(entity: string, id: string, field: string): Promise<{ url: string; expiresAt: string }>;
}
