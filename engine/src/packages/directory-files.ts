import { constants } from 'node:fs';
import { open, readdir } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { compareCodeUnits } from './canonical-json.ts';
import { LINK_MESSAGE, SPECIAL_FILE_MESSAGE } from './entry-paths.ts';
import { collectFiles, type FileCollector } from './file-collector.ts';
import type { PackageLimits } from './types.ts';

/**
 * Reads every file below a package directory under the same limits and rules as an
 * archive: links and special files are refused, never followed.
 */
export async function readDirectoryFiles(dir: string, limits: PackageLimits): Promise<Map<string, Buffer>> {
  const collector = collectFiles(dir, limits);
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const located = entries
    .map((entry) => ({ entry, path: relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/') }))
    .sort((a, b) => compareCodeUnits(a.path, b.path));
  for (const { entry, path } of located) {
    if (entry.isDirectory()) collector.directory(path);
    else if (entry.isSymbolicLink()) collector.unsafe(path, 'package.entry.link', LINK_MESSAGE(path));
    else if (!entry.isFile()) collector.unsafe(path, 'package.entry.type', SPECIAL_FILE_MESSAGE(path, 'special'));
    else await readRegularFile(join(dir, path), path, collector);
  }
  return collector.finish();
}

/** O_NOFOLLOW: a file swapped for a link after the listing is refused, not followed. */
async function readRegularFile(full: string, path: string, collector: FileCollector): Promise<void> {
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(full, constants.O_RDONLY | constants.O_NOFOLLOW);
  } catch {
    collector.unsafe(path, 'package.entry.link', LINK_MESSAGE(path));
    return;
  }
  try {
    const info = await handle.stat();
    if (!info.isFile()) {
      collector.unsafe(path, 'package.entry.type', SPECIAL_FILE_MESSAGE(path, 'special'));
      return;
    }
    if (collector.file(path, info.size)) collector.store(path, await handle.readFile());
  } finally {
    await handle.close();
  }
}
