import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { KibanError } from '../errors.ts';
import { fileTooLarge, uploadIncomplete } from './errors.ts';

/** How many leading bytes content detection looks at. */
const HEAD_BYTES = 4100;

/** An upload held in a local temporary file, checked before anything else sees it. */
export interface ReceivedFile {
  path: string;
  size: number;
  sha256: string;
  /** The first bytes, for content detection. */
  head: Buffer;
}

/**
 * Streams an upload into a temporary file under `spoolDir`, hashing it on the way. A body
 * beyond `maxSize`, one that ends before its Content-Length, or a broken stream removes the
 * temporary file and fails: nothing of it remains.
 */
export async function receiveUpload(
  body: Readable,
  options: { spoolDir: string; maxSize: number; declaredLength?: number },
): Promise<ReceivedFile> {
  if (options.declaredLength !== undefined && options.declaredLength > options.maxSize) {
    body.destroy();
    throw fileTooLarge(options.maxSize);
  }
  await mkdir(options.spoolDir, { recursive: true });
  const path = join(options.spoolDir, `${randomUUID()}.upload`);
  const hash = createHash('sha256');
  const headChunks: Buffer[] = [];
  let size = 0;
  let headSize = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      size += chunk.length;
      if (size > options.maxSize) return done(fileTooLarge(options.maxSize));
      hash.update(chunk);
      if (headSize < HEAD_BYTES) {
        headChunks.push(chunk.subarray(0, HEAD_BYTES - headSize));
        headSize += Math.min(chunk.length, HEAD_BYTES - headSize);
      }
      done(null, chunk);
    },
  });
  try {
    await pipeline(body, meter, createWriteStream(path, { flags: 'wx' }));
    if (options.declaredLength !== undefined && size !== options.declaredLength) throw uploadIncomplete();
  } catch (error) {
    await rm(path, { force: true });
    if (error instanceof KibanError) throw error;
    throw uploadIncomplete();
  }
  return { path, size, sha256: hash.digest('hex'), head: Buffer.concat(headChunks) };
}
