import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
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
 * to clean up. The archive streams through the parser once; a limit passed aborts it
 * there, so a small archive that unpacks to gigabytes costs no more than the limit.
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
  const parser: Parser = new Parser({
    strict: true,
    onReadEntry: (entry) => {
      try {
        acceptEntry(entry, collector);
      } catch (error) {
        entry.resume();
        parser.abort(error as Error);
      }
    },
  });
  try {
    await pipeline(createReadStream(file), parser as unknown as NodeJS.WritableStream);
  } catch (error) {
    if (error instanceof KibanError) throw error;
    throw packageUnreadable(file, (error as Error).message);
  }
  return collector.finish();
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
