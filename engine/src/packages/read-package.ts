import { stat } from 'node:fs/promises';
import type { ErrorDetail } from '../errors.ts';
import {
  type MetadataItem,
  type PackageManifest,
  validateItemShape,
  validateManifestShape,
} from '../metadata/index.ts';
import { readArchiveFiles } from './archive.ts';
import { readDirectoryFiles } from './directory-files.ts';
import { fileProblem, invalidPackage, packageUnreadable } from './package-errors.ts';
import { DEFAULT_PACKAGE_LIMITS, type MetadataPackage, type PackageLimits, type ReferenceData } from './types.ts';

export const MANIFEST_FILE = 'manifest.json';

/**
 * Reads a package from a directory or a .tar.gz archive and checks it completely: the
 * manifest, that the files are exactly the ones it lists, and every item's shape and
 * identity. Every problem is reported at once, located as `file#/json/pointer`.
 * Whether the items fit the live app is `planImport`'s question.
 */
export async function readPackage(source: string, limits: Partial<PackageLimits> = {}): Promise<MetadataPackage> {
  const bounds = { ...DEFAULT_PACKAGE_LIMITS, ...limits };
  const info = await stat(source).catch((error: Error) => {
    throw packageUnreadable(source, error.message);
  });
  const files = info.isDirectory() ? await readDirectoryFiles(source, bounds) : await readArchiveFiles(source, bounds);
  return packageFromFiles(source, files);
}

export function packageFromFiles(source: string, files: Map<string, Buffer>): MetadataPackage {
  const manifest = readManifest(source, files);
  const problems: ErrorDetail[] = [];
  const items: MetadataItem[] = [];
  const seenFiles = new Set<string>();
  const seenItems = new Set<string>();
  manifest.contents.forEach((entry, index) => {
    const at = `/contents/${index}`;
    const itemKey = `${entry.kind}:${entry.name}`;
    if (seenFiles.has(entry.file) || seenItems.has(itemKey)) {
      problems.push(
        fileProblem(MANIFEST_FILE, at, 'package.contents.duplicate', {
          ja: `目録の ${entry.kind} ${entry.name}（${entry.file}）は重複しています。`,
          en: `The contents list ${entry.kind} ${entry.name} (${entry.file}) more than once.`,
        }),
      );
      return;
    }
    seenFiles.add(entry.file);
    seenItems.add(itemKey);
    const parsed = parseListedFile(files, entry.file, at);
    if (!parsed.ok) {
      problems.push(parsed.problem);
      return;
    }
    problems.push(...checkItem(entry, parsed.value));
    items.push(parsed.value as MetadataItem);
  });
  const data = readDataFiles(manifest, files, seenFiles, problems);
  for (const file of files.keys()) {
    if (file !== MANIFEST_FILE && !seenFiles.has(file)) {
      problems.push(
        fileProblem(file, '', 'package.file.unlisted', {
          ja: `${file} は目録（manifest.json の contents）にありません。`,
          en: `${file} is not listed in the manifest's contents.`,
        }),
      );
    }
  }
  if (problems.length > 0) throw invalidPackage(source, problems);
  return { manifest, items, data, source };
}

/**
 * The reference data files the manifest lists: each a JSON array of row objects, one data set
 * per entity. Whether the rows fit their entity is the planner's question.
 */
function readDataFiles(
  manifest: PackageManifest,
  files: Map<string, Buffer>,
  seenFiles: Set<string>,
  problems: ErrorDetail[],
): ReferenceData[] {
  const data: ReferenceData[] = [];
  const entities = new Set<string>();
  (manifest.data ?? []).forEach((entry, index) => {
    const at = `/data/${index}`;
    if (seenFiles.has(entry.file) || entities.has(entry.entity)) {
      problems.push(
        fileProblem(MANIFEST_FILE, at, 'package.data.duplicate', {
          ja: `目録の data に ${entry.entity}（${entry.file}）が重複しています。`,
          en: `The manifest's data lists ${entry.entity} (${entry.file}) more than once.`,
        }),
      );
      return;
    }
    seenFiles.add(entry.file);
    entities.add(entry.entity);
    const parsed = parseListedFile(files, entry.file, at);
    if (!parsed.ok) {
      problems.push(parsed.problem);
      return;
    }
    const rows = parsed.value;
    if (!Array.isArray(rows) || rows.some((row) => typeof row !== 'object' || row === null || Array.isArray(row))) {
      problems.push(
        fileProblem(entry.file, '', 'package.data.shape', {
          ja: `${entry.file} は行（オブジェクト）の配列でなければなりません。`,
          en: `${entry.file} must be an array of rows (objects).`,
        }),
      );
      return;
    }
    data.push({ entity: entry.entity, key: entry.key, file: entry.file, rows: rows as Record<string, unknown>[] });
  });
  return data;
}

function readManifest(source: string, files: Map<string, Buffer>): PackageManifest {
  const content = files.get(MANIFEST_FILE);
  if (content === undefined) {
    throw invalidPackage(source, [
      fileProblem(MANIFEST_FILE, '', 'package.manifest.missing', {
        ja: 'パッケージに manifest.json がありません。',
        en: 'The package has no manifest.json.',
      }),
    ]);
  }
  const parsed = parseJson(MANIFEST_FILE, content);
  if (!parsed.ok) throw invalidPackage(source, [parsed.problem]);
  const errors = validateManifestShape(parsed.value);
  if (errors.length > 0) {
    throw invalidPackage(
      source,
      errors.map((error) => fileProblem(MANIFEST_FILE, error.pointer, error.code, error.message)),
    );
  }
  return parsed.value as PackageManifest;
}

/** Shape errors of the item, and an item that is not what its manifest entry says it is. */
function checkItem(entry: PackageManifest['contents'][number], item: unknown): ErrorDetail[] {
  const problems = validateItemShape(item).map((error) =>
    fileProblem(entry.file, error.pointer, error.code, error.message),
  );
  const actual = (item ?? {}) as { kind?: unknown; name?: unknown };
  for (const key of ['kind', 'name'] as const) {
    if (actual[key] !== undefined && actual[key] !== entry[key]) {
      problems.push(
        fileProblem(entry.file, `/${key}`, `package.item.${key}Mismatch`, {
          ja: `${entry.file} の ${key} は ${JSON.stringify(actual[key])} ですが、目録では ${JSON.stringify(entry[key])} です。`,
          en: `${entry.file} has ${key} ${JSON.stringify(actual[key])}, but the manifest says ${JSON.stringify(entry[key])}.`,
        }),
      );
    }
  }
  return problems;
}

type Parsed = { ok: true; value: unknown } | { ok: false; problem: ErrorDetail };

/** The JSON of a file the manifest lists at `at`: a problem when the package lacks it or it does not parse. */
function parseListedFile(files: Map<string, Buffer>, file: string, at: string): Parsed {
  const content = files.get(file);
  if (content === undefined) {
    return {
      ok: false,
      problem: fileProblem(MANIFEST_FILE, `${at}/file`, 'package.file.missing', {
        ja: `目録にある ${file} がパッケージにありません。`,
        en: `The manifest lists ${file}, which is not in the package.`,
      }),
    };
  }
  return parseJson(file, content);
}

/** Strict UTF-8 (a leading BOM is dropped): a file in another encoding is refused rather than read as mojibake. */
function parseJson(file: string, content: Buffer): Parsed {
  try {
    const text = new TextDecoder('utf-8', { fatal: true }).decode(content);
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const reason = (error as Error).message;
    return {
      ok: false,
      problem: fileProblem(file, '', 'package.file.json', {
        ja: `${file} は UTF-8 の JSON として読めません：${reason}`,
        en: `${file} is not valid UTF-8 JSON: ${reason}`,
      }),
    };
  }
}
