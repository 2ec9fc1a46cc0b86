import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import { create, Parser, type ReadEntry } from 'tar';
import { KibanError } from '../errors.ts';
import { checkEntryPath, LINK_MESSAGE, SPECIAL_FILE_MESSAGE } from './entry-paths.ts';
import { collectFiles, type FileCollector } from './file-collector.ts';
import { fileProblem, packageTooLarge, packageUnreadable } from './package-errors.ts';
import type { PackageLimits } from './types.ts';

const FILE_TYPES = new Set(['File', 'OldFile', 'ContiguousFile']);
const LINK_TYPES = new Set(['SymbolicLink', 'Link']);

/**
 * Reads a .tar.gz (or plain .tar) package into memory without extracting it: nothing is
 * written to disk, so no entry can land outside a target directory and there is nothing
 * to clean up. The archive streams through gunzip and the parser once, and every
 * decompressed byte counts against a cap on the whole stream (headers, padding and whatever
 * follows the end marker included), so a small archive that unpacks to gigabytes costs no
 * more than the limit. The parser sees nothing past the tar end marker; the rest of a gzip
 * stream is only decompressed, still under the cap, so that its checksum is verified.
 * Decompression runs on libuv's thread pool and the parser takes one chunk at a time, so
 * other requests keep being served meanwhile.
 */
export async function readArchiveFiles(file: string, limits: PackageLimits): Promise<Map<string, Buffer>> {
  const { size } = await stat(file);
  if (size > limits.maxArchiveBytes) {
    throw packageTooLarge(
      file,
      fileProblem(file, '', 'package.limit.archiveBytes', {
        ja: `アーカイブのサイズ ${size} バイトが上限の ${limits.maxArchiveBytes} バイトを超えています。`,
        en: `The archive is ${size} bytes, over the limit of ${limits.maxArchiveBytes}.`,
      }),
    );
  }
  const collector = collectFiles(file, limits);
  const tar = parseTar(collector);
  const source = createReadStream(file);
  try {
    const gzipped = await startsWithGzipMagic(file);
    const stream: AsyncIterable<Buffer> = gzipped ? source.pipe(createGunzip()) : source;
    const cap = decompressedCap(limits);
    let total = 0;
    for await (const chunk of stream) {
      total += chunk.length;
      if (total > cap) throw streamTooLarge(file, cap);
      if (!tar.ended()) await tar.write(chunk);
      if (tar.ended() && !gzipped) break;
    }
    if (!tar.ended()) throw packageUnreadable(file, 'the archive ends before the tar end marker');
  } catch (error) {
    if (error instanceof KibanError) throw error;
    throw packageUnreadable(file, (error as Error).message);
  } finally {
    source.destroy();
  }
  return collector.finish();
}

/**
 * A tar parser fed chunk by chunk: `write` waits while the parser is backed up (so chunks
 * never pile up in memory) and throws what the parser or the collector refused.
 */
function parseTar(collector: FileCollector) {
  let failure: unknown;
  let ended = false;
  // zstd and brotli are refused outright: a package is a .tar.gz or a plain .tar.
  const parser = new Parser({
    strict: true,
    zstd: false,
    brotli: false,
    onReadEntry: (entry) => {
      try {
        acceptEntry(entry, collector);
      } catch (error) {
        entry.resume();
        failure ??= error;
      }
    },
  });
  parser.on('eof', () => {
    ended = true;
  });
  parser.on('error', (error: unknown) => {
    failure ??= error;
  });
  return {
    ended: () => ended,
    async write(chunk: Buffer): Promise<void> {
      if (!parser.write(chunk)) await new Promise((resolve) => parser.once('drain', resolve));
      if (failure !== undefined) throw failure;
    },
  };
}

/** Everything the files may add up to, plus a header and padding for each entry and the end marker. */
function decompressedCap(limits: PackageLimits): number {
  return limits.maxBytes + (limits.maxFiles + 2) * 2 * TAR_BLOCK;
}

const TAR_BLOCK = 512;

function streamTooLarge(file: string, cap: number): KibanError {
  return packageTooLarge(
    file,
    fileProblem(file, '', 'package.limit.bytes', {
      ja: `展開後のアーカイブが上限の ${cap} バイトを超えています。`,
      en: `The archive decompresses to more than ${cap} bytes.`,
    }),
  );
}

async function startsWithGzipMagic(file: string): Promise<boolean> {
  const handle = await open(file);
  try {
    const { bytesRead, buffer } = await handle.read(Buffer.alloc(2), 0, 2, 0);
    return bytesRead === 2 && buffer[0] === 0x1f && buffer[1] === 0x8b;
  } finally {
    await handle.close();
  }
}

function acceptEntry(entry: ReadEntry, collector: FileCollector): void {
  const checked = checkEntryPath(entry.path);
  if (!checked.ok) {
    collector.unsafe(entry.path, checked.code, checked.message);
    entry.resume();
    return;
  }
  const { path } = checked;
  if (entry.type === 'Directory') {
    if (path !== '') collector.directory(path);
    entry.resume();
  } else if (LINK_TYPES.has(entry.type)) {
    collector.unsafe(entry.path, 'package.entry.link', LINK_MESSAGE(entry.path));
    entry.resume();
  } else if (!FILE_TYPES.has(entry.type) || path === '') {
    collector.unsafe(entry.path, 'package.entry.type', SPECIAL_FILE_MESSAGE(entry.path, entry.type));
    entry.resume();
  } else if (collector.file(path, entry.size)) {
    const chunks: Buffer[] = [];
    entry.on('data', (chunk: Buffer) => chunks.push(chunk));
    entry.on('end', () => collector.store(path, Buffer.concat(chunks)));
  } else {
    entry.resume();
  }
}

/**
 * Packs a package directory's manifest and listed files, in that order, with fixed
 * timestamps and no owner details, so that the same package gives the same archive.
 */
export async function packArchive(dir: string, file: string, files: string[]): Promise<void> {
  await create({ cwd: dir, file, gzip: true, portable: true, mtime: new Date(0), noDirRecurse: true }, files);
}
