import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/** A build directory beside a package's `dist`, swapped in whole once the build is done. */
export interface StagedDist {
  /** The directory's name relative to the package (how esbuild's metafile names outputs). */
  name: string;
  /** Its absolute path: the build's `outdir`. */
  path: string;
  /** Replaces `dist` with the finished build. */
  publish(): void;
}

/**
 * Builds land beside `dist` and replace it in two renames, so a server already serving `dist`
 * (a running portal, another test file's browser) never sees it emptied or half-written.
 */
export function stageDist(packageRoot: string): StagedDist {
  const name = `dist.building-${process.pid}`;
  const path = join(packageRoot, name);
  rmSync(path, { recursive: true, force: true });
  mkdirSync(path, { recursive: true });
  return {
    name,
    path,
    publish() {
      const dist = join(packageRoot, 'dist');
      const replaced = `${dist}.replaced-${process.pid}`;
      rmSync(replaced, { recursive: true, force: true });
      try {
        renameSync(dist, replaced);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
      renameSync(path, dist);
      rmSync(replaced, { recursive: true, force: true });
    },
  };
}

/** A metafile as JSON with its outputs named as they are once published. */
export function publishedMetafile(metafile: object, staged: StagedDist): string {
  return JSON.stringify(metafile).replaceAll(`${staged.name}/`, 'dist/');
}
