import type { LocalizedMessage } from '../errors.ts';

export type EntryPath = { ok: true; path: string } | { ok: false; code: string; message: LocalizedMessage };

/**
 * Judges an archive entry's name before anything uses it. Archives made with
 * `tar -C dir .` name their entries `./manifest.json`; that prefix is dropped. Anything
 * that could reach outside the package — an absolute path, a drive letter, a backslash,
 * a `..` — is refused rather than repaired, since repairing hides an attack.
 */
export function checkEntryPath(raw: string): EntryPath {
  let path = raw;
  while (path.startsWith('./')) path = path.slice(2);
  if (path.endsWith('/')) path = path.slice(0, -1);
  if (path === '' || path === '.') return { ok: true, path: '' };
  if (path.startsWith('/') || /^[A-Za-z]:/.test(path)) {
    return refuse('package.entry.absolute', {
      ja: `絶対パスの項目 ${raw} は使えません。`,
      en: `The entry ${raw} has an absolute path.`,
    });
  }
  const segments = path.split('/');
  if (path.includes('\\') || path.includes('\0') || segments.some((segment) => segment === '..')) {
    return refuse('package.entry.traversal', {
      ja: `項目 ${raw} はパッケージの外を指しています。`,
      en: `The entry ${raw} points outside the package.`,
    });
  }
  if (segments.some((segment) => segment === '' || segment === '.')) {
    return refuse('package.entry.path', {
      ja: `項目 ${raw} のパスが正規の形ではありません。`,
      en: `The entry ${raw} does not have a normal path.`,
    });
  }
  return { ok: true, path };
}

function refuse(code: string, message: LocalizedMessage): EntryPath {
  return { ok: false, code, message };
}

export const LINK_MESSAGE = (path: string): LocalizedMessage => ({
  ja: `項目 ${path} はリンクです。パッケージには通常のファイルだけを入れてください。`,
  en: `The entry ${path} is a link; a package holds regular files only.`,
});

export const SPECIAL_FILE_MESSAGE = (path: string, type: string): LocalizedMessage => ({
  ja: `項目 ${path} は通常のファイルではありません（${type}）。`,
  en: `The entry ${path} is not a regular file (${type}).`,
});
