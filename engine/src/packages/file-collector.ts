import type { ErrorDetail } from '../errors.ts';
import { compareCodeUnits } from './canonical-json.ts';
import { fileProblem, packageTooLarge, unsafePackage } from './package-errors.ts';
import type { PackageLimits } from './types.ts';

/**
 * The files of a package as read from a directory or an archive, before any meaning is
 * given to them. Counts every entry against the limits as it goes, and gathers unsafe
 * entries so that all of them are reported together.
 */
export interface FileCollector {
  /** Throws `package.tooLarge` as soon as a limit is passed. */
  directory(path: string): void;
  /**
   * Throws `package.tooLarge` as soon as a limit is passed. False for a second entry of the
   * same path (recorded as unsafe: when extracted, it would silently replace the first).
   * Add the content of an accepted file with `store`.
   */
  file(path: string, size: number): boolean;
  store(path: string, content: Buffer): void;
  unsafe(path: string, code: string, message: ErrorDetail['message']): void;
  /** The files by path in code-unit order, or the unsafe entries as one error. */
  finish(): Map<string, Buffer>;
}

export function collectFiles(source: string, limits: PackageLimits): FileCollector {
  const files = new Map<string, Buffer>();
  const claimed = new Set<string>();
  const unsafe: ErrorDetail[] = [];
  let entries = 0;
  let bytes = 0;
  const count = (path: string) => {
    entries++;
    if (entries > limits.maxFiles) {
      throw packageTooLarge(
        source,
        fileProblem(path, '', 'package.limit.files', {
          ja: `ファイル数が上限の ${limits.maxFiles} を超えています。`,
          en: `The package has more than ${limits.maxFiles} files and directories.`,
        }),
      );
    }
  };
  return {
    directory: count,
    file(path, size) {
      if (claimed.has(path)) {
        unsafe.push(
          fileProblem(path, '', 'package.entry.duplicate', {
            ja: `項目 ${path} がパッケージに 2 回以上入っています。`,
            en: `The entry ${path} appears more than once in the package.`,
          }),
        );
        return false;
      }
      claimed.add(path);
      count(path);
      bytes += size;
      if (bytes > limits.maxBytes) {
        throw packageTooLarge(
          source,
          fileProblem(path, '', 'package.limit.bytes', {
            ja: `展開後の合計サイズが上限の ${limits.maxBytes} バイトを超えています。`,
            en: `The files add up to more than ${limits.maxBytes} bytes.`,
          }),
        );
      }
      return true;
    },
    store: (path, content) => {
      files.set(path, content);
    },
    unsafe: (path, code, message) => {
      unsafe.push(fileProblem(path, '', code, message));
    },
    finish() {
      if (unsafe.length > 0) throw unsafePackage(source, unsafe);
      return new Map([...files].sort(([a], [b]) => compareCodeUnits(a, b)));
    },
  };
}
