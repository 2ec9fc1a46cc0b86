import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { type Sql, sqlOf } from '../data/index.ts';
import { fileLimits } from '../metadata/index.ts';
import {
  checkFileWritable,
  type FileValue,
  getRecord,
  type RecordScope,
  type RecordWrittenListener,
  writeFileField,
} from '../records/index.ts';
import { fileNotFound, invalidFileName, notAFileField } from './errors.ts';
import {
  type FileOwner,
  forget,
  insertPendingFile,
  markDeleted,
  markStored,
  storedFile,
  sweepable,
} from './file-rows.ts';
import { receiveUpload } from './receive.ts';
import type { UrlSigner } from './signed-urls.ts';
import { detectContentType } from './sniff.ts';
import type { FileStore } from './store.ts';

export interface OpenedFile {
  file: FileValue;
  content: Readable;
}

export interface UploadOptions {
  name: string;
  /** The Content-Length the client announced, if any: a body that ends short of it is cut off. */
  declaredLength?: number;
}

/** Files of records: upload, download and deletion through the record's own policies. */
export interface FileService {
  /** Receives, checks and stores a file, then sets the record's file field to it in one transaction. */
  upload(
    scope: RecordScope,
    entity: string,
    id: string,
    field: string,
    body: Readable,
    options: UploadOptions,
  ): Promise<FileValue>;
  /** Clears the field; the file's bytes go with the next sweep. */
  remove(scope: RecordScope, entity: string, id: string, field: string): Promise<void>;
  /** The file of a field the principal may read, on a record the principal may read; 404 otherwise. */
  open(scope: RecordScope, entity: string, id: string, field: string): Promise<OpenedFile>;
  /** A short-lived URL for the same file, after the same checks as `open`. */
  signedUrl(scope: RecordScope, entity: string, id: string, field: string): Promise<{ url: string; expiresAt: string }>;
  openSigned(fileId: string, expires: string | undefined, signature: string | undefined): Promise<OpenedFile>;
  /** Removes the bytes of deleted files (soon after a record deletion commits, and at start). */
  sweep(): Promise<number>;
  sweepSoon(): void;
  close(): Promise<void>;
}

export interface FileServiceOptions {
  store: FileStore;
  /** Local directory for uploads being received; emptied at start. */
  spoolDir: string;
  signer: UrlSigner;
  sql(): Sql;
  onError(error: unknown): void;
}

const NAME = /^[^\p{Cc}/\\]{1,255}$/u;

/** Runs in every record write's transaction: a deleted record's files go with it, their bytes with the next sweep. */
export const markDeletedFiles: RecordWrittenListener = async (em, change) => {
  if (change.action !== 'deleted') return;
  await markDeleted(sqlOf(em), 'entity = ? and record_id = ?', [change.entity, change.id]);
};

export async function startFileService(options: FileServiceOptions): Promise<FileService> {
  const { store, signer } = options;
  await rm(options.spoolDir, { recursive: true, force: true });
  let sweeping: Promise<unknown> = Promise.resolve();
  let closed = false;

  const sweep = async () => {
    let removed = 0;
    for (;;) {
      const ids = await sweepable(options.sql(), 100);
      for (const id of ids) {
        await store.delete(id);
        await forget(options.sql(), id);
      }
      removed += ids.length;
      if (ids.length < 100) return removed;
    }
  };

  const openStored = async (file: FileValue | null): Promise<OpenedFile> => {
    if (!file) throw fileNotFound();
    return { file, content: await store.get(file.id) };
  };

  /** The stored file of a field the principal can read on a record the principal can read. */
  const readable = async (scope: RecordScope, entity: string, id: string, field: string) => {
    const definition = scope.live.entities.get(entity)?.fields.find((each) => each.name === field);
    const record = await getRecord(scope, entity, id);
    if (definition?.type !== 'file') throw notAFileField(entity, field);
    const value = record[field] as FileValue | null | undefined;
    if (!value) throw fileNotFound();
    return storedFile(options.sql(), value.id, { entity, recordId: id, field });
  };

  const service: FileService = {
    async upload(scope, entity, id, field, body, upload) {
      const name = upload.name.normalize('NFC');
      if (!NAME.test(name) || name.trim() === '') {
        body.destroy();
        throw invalidFileName();
      }
      const definition = await checkFileWritable(scope, entity, id, field).catch((error) => {
        body.destroy();
        throw error;
      });
      const limits = fileLimits(definition);
      const received = await receiveUpload(body, {
        spoolDir: options.spoolDir,
        maxSize: limits.maxSize,
        declaredLength: upload.declaredLength,
      });
      try {
        const contentType = await detectContentType(received.head, limits.accept);
        const file: FileValue = { id: randomUUID(), name, contentType, size: received.size, sha256: received.sha256 };
        const owner: FileOwner = { entity, recordId: id, field };
        // Pending first: bytes put into the store by an engine that dies before the commit are swept later.
        await insertPendingFile(options.sql(), file, owner, scope.principal.id);
        try {
          await (store.putFile
            ? store.putFile(file.id, received.path)
            : store.put(file.id, createReadStream(received.path, { highWaterMark: 1024 * 1024 })));
          await writeFileField(scope, entity, id, field, file, (em, previous) =>
            markStored(sqlOf(em), file.id, previous?.id ?? null),
          );
        } catch (error) {
          await store.delete(file.id);
          await forget(options.sql(), file.id);
          throw error;
        }
        service.sweepSoon();
        return file;
      } finally {
        await rm(received.path, { force: true });
      }
    },
    async remove(scope, entity, id, field) {
      await writeFileField(scope, entity, id, field, null, async (em, previous) => {
        if (previous) await markDeleted(sqlOf(em), 'id = ?', [previous.id]);
      });
      service.sweepSoon();
    },
    open: async (scope, entity, id, field) => openStored(await readable(scope, entity, id, field)),
    async signedUrl(scope, entity, id, field) {
      const file = await readable(scope, entity, id, field);
      if (!file) throw fileNotFound();
      return signer.sign(file.id);
    },
    async openSigned(fileId, expires, signature) {
      signer.verify(fileId, expires, signature);
      return openStored(await storedFile(options.sql(), fileId));
    },
    sweep,
    sweepSoon() {
      if (closed) return;
      sweeping = sweeping.then(sweep).catch(options.onError);
    },
    async close() {
      closed = true;
      await sweeping;
    },
  };
  return service;
}
