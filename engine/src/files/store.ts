import type { Readable } from 'node:stream';

/** What a store knows of one object. */
export interface StoredObject {
  size: number;
}

/**
 * Where file contents live: the port an S3-compatible store implements as well as the
 * embedded directory (`FsFileStore`). Keys are opaque strings of `[A-Za-z0-9-]` chosen by
 * the engine (a file's id); the database keeps everything else about a file (owner record,
 * name, type, size, SHA-256), so a store holds bytes only.
 *
 * - `put` stores the whole stream under `key`, or nothing: an error of the stream or of the
 *   store leaves no object (S3: one PutObject or a multipart upload aborted on error).
 * - `get` streams an object; `stat` answers null for a missing key; `delete` of a missing key
 *   succeeds (S3's DeleteObject is idempotent too).
 */
export interface FileStore {
  put(key: string, content: Readable): Promise<StoredObject>;
  /**
   * Optional: stores the local file at `path` under `key`, which the store may move instead of
   * copying (the embedded store renames it when both are on one file system). Without it the
   * engine streams the file to `put`.
   */
  putFile?(key: string, path: string): Promise<StoredObject>;
  get(key: string): Promise<Readable>;
  stat(key: string): Promise<StoredObject | null>;
  delete(key: string): Promise<void>;
}

const KEY = /^[A-Za-z0-9-]{1,128}$/;

/** Keys go into paths and object names: anything else is a programming error, refused loudly. */
export function checkKey(key: string): string {
  if (!KEY.test(key)) throw new Error(`Invalid file store key ${JSON.stringify(key)}`);
  return key;
}
