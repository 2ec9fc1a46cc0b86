import { randomUUID } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { checkKey, type FileStore, type StoredObject } from './store.ts';

/** Large reads: a response or a copy moves in fewer, bigger pieces. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * The embedded store: one file per object under `root`, in sub-directories by the key's first
 * two characters so that no directory grows huge. A put writes a temporary file beside the
 * target and renames it, so a reader never sees half an object.
 */
export class FsFileStore implements FileStore {
  readonly root: string;

  constructor(root: string) {
    this.root = root;
  }

  private pathOf(key: string): string {
    checkKey(key);
    return join(this.root, key.slice(0, 2), key);
  }

  async put(key: string, content: Readable): Promise<StoredObject> {
    const target = this.pathOf(key);
    await mkdir(join(this.root, key.slice(0, 2)), { recursive: true });
    const partial = `${target}.${randomUUID()}.partial`;
    try {
      await pipeline(content, createWriteStream(partial, { flags: 'wx' }));
      await rename(partial, target);
    } catch (error) {
      await rm(partial, { force: true });
      throw error;
    }
    return { size: (await stat(target)).size };
  }

  /** A rename when the file is on this store's file system (the engine's uploads are), else a copy. */
  async putFile(key: string, path: string): Promise<StoredObject> {
    const target = this.pathOf(key);
    await mkdir(join(this.root, key.slice(0, 2)), { recursive: true });
    try {
      await rename(path, target);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
      return this.put(key, createReadStream(path, { highWaterMark: CHUNK_BYTES }));
    }
    return { size: (await stat(target)).size };
  }

  async get(key: string): Promise<Readable> {
    const path = this.pathOf(key);
    await stat(path);
    return createReadStream(path, { highWaterMark: CHUNK_BYTES });
  }

  async stat(key: string): Promise<StoredObject | null> {
    try {
      return { size: (await stat(this.pathOf(key))).size };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async delete(key: string): Promise<void> {
    await rm(this.pathOf(key), { force: true });
  }
}
