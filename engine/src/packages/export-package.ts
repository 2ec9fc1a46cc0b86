import { mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { KibanError } from '../errors.ts';
import {
  type I18nText,
  loadPublished,
  METADATA_KINDS,
  type MetadataItem,
  type MetadataKind,
  type PackageManifest,
  validateManifestShape,
} from '../metadata/index.ts';
import { packArchive } from './archive.ts';
import { canonicalize, canonicalJson, compareCodeUnits } from './canonical-json.ts';
import { type DataSelector, exportReferenceData } from './export-data.ts';
import { fileProblem, invalidPackage } from './package-errors.ts';
import { MANIFEST_FILE, readPackage } from './read-package.ts';
import type { MetadataPackage, PackageDeps } from './types.ts';

/** A kind alone selects every published item of that kind. */
export interface ItemSelector {
  kind: MetadataKind;
  name?: string;
}

export interface ExportOptions {
  name: string;
  version: string;
  description?: I18nText;
  requires?: PackageManifest['requires'];
  /** The published items to include; every published item when omitted. */
  items?: ItemSelector[];
  /** Entities whose rows travel as reference data, each with its natural key. */
  data?: DataSelector[];
}

/** Where each kind's files go inside a package. */
export const KIND_DIRECTORIES: Record<MetadataKind, string> = {
  entity: 'entities',
  form: 'forms',
  view: 'views',
  role: 'roles',
  rule: 'rules',
  workflow: 'workflows',
  page: 'pages',
  report: 'reports',
  dashboard: 'dashboards',
  agent: 'agents',
};

/** Reads `entity` or `entity:Branch`, as a command line gives them. */
export function parseItemSelector(text: string): ItemSelector {
  const [kind, name] = text.split(':', 2);
  if (!(METADATA_KINDS as readonly string[]).includes(kind) || name === '') {
    throw new KibanError(
      'package.selector',
      400,
      {
        ja: `「${text}」は ${METADATA_KINDS.join('、')} のどれか、または 種類:名前 で書いてください。`,
        en: `Write "${text}" as one of ${METADATA_KINDS.join(', ')}, or as kind:name.`,
      },
      [],
    );
  }
  return name === undefined ? { kind: kind as MetadataKind } : { kind: kind as MetadataKind, name };
}

/**
 * Writes the selected published items as a package directory: one canonical JSON file per
 * item and a manifest whose contents are sorted by kind, then name. Two exports of the
 * same state are byte-identical. Re-exporting into a package directory replaces the files
 * its old manifest listed; any other non-empty directory is refused.
 */
export async function exportPackage(
  deps: Pick<PackageDeps, 'live'>,
  options: ExportOptions,
  dir: string,
): Promise<MetadataPackage> {
  const published = (await loadPublished(deps.live().sql())).map((row) => row.item);
  const items = selectItems(published, options.items).sort(
    (a, b) => compareCodeUnits(a.kind, b.kind) || compareCodeUnits(a.name, b.name),
  );
  const manifest: PackageManifest = {
    name: options.name,
    version: options.version,
    ...(options.description ? { description: canonicalize(options.description) as I18nText } : {}),
    ...(options.requires ? { requires: canonicalize(options.requires) as PackageManifest['requires'] } : {}),
    contents: items.map((item) => ({
      kind: item.kind,
      name: item.name,
      file: `${KIND_DIRECTORIES[item.kind]}/${item.name}.json`,
    })),
  };
  const data = await exportReferenceData(deps.live(), options.data ?? []);
  if (data.length > 0) manifest.data = data.map(({ entity, key, file }) => ({ entity, key, file }));
  const problems = validateManifestShape(manifest);
  if (problems.length > 0) {
    throw invalidPackage(
      dir,
      problems.map((error) => fileProblem(MANIFEST_FILE, error.pointer, error.code, error.message)),
    );
  }
  await clearExportDirectory(dir);
  for (const [index, entry] of manifest.contents.entries()) {
    await mkdir(dirname(join(dir, entry.file)), { recursive: true });
    await writeFile(join(dir, entry.file), canonicalJson(items[index]));
  }
  for (const set of data) {
    await mkdir(dirname(join(dir, set.file)), { recursive: true });
    await writeFile(join(dir, set.file), canonicalJson(set.rows));
  }
  // The manifest keeps its own reading order rather than the canonical one.
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  return { manifest, items, data, source: dir };
}

/** Checks the package directory, then packs exactly its manifest and listed files. */
export async function writeArchive(dir: string, file: string): Promise<void> {
  const { manifest } = await readPackage(dir);
  const files = [...manifest.contents, ...(manifest.data ?? [])].map((entry) => entry.file);
  await packArchive(dir, file, [MANIFEST_FILE, ...files]);
}

function selectItems(published: MetadataItem[], selectors: ItemSelector[] | undefined): MetadataItem[] {
  if (selectors === undefined) return published;
  const missing = selectors.filter(
    (selector) =>
      selector.name !== undefined &&
      !published.some((item) => item.kind === selector.kind && item.name === selector.name),
  );
  if (missing.length > 0) {
    throw new KibanError(
      'package.exportMissing',
      404,
      { ja: '選んだ定義の一部が公開されていません。', en: 'Some selected items are not published.' },
      missing.map((selector) => ({
        pointer: `/${selector.kind}/${selector.name}`,
        code: 'package.exportMissing',
        message: {
          ja: `${selector.kind} ${selector.name} は公開されていません。`,
          en: `${selector.kind} ${selector.name} is not published.`,
        },
      })),
    );
  }
  return published.filter((item) =>
    selectors.some((selector) => selector.kind === item.kind && (selector.name ?? item.name) === item.name),
  );
}

/** Only files a previous export wrote are deleted; a directory of anything else is left alone. */
async function clearExportDirectory(dir: string): Promise<void> {
  await mkdir(dir, { recursive: true });
  if ((await readdir(dir)).length === 0) return;
  const previous: unknown = await readFile(join(dir, MANIFEST_FILE), 'utf8')
    .then((text) => JSON.parse(text))
    .catch(() => undefined);
  if (previous === undefined || validateManifestShape(previous).length > 0) {
    throw new KibanError(
      'package.exportTarget',
      409,
      {
        ja: `${dir} は空でなく、パッケージのディレクトリでもありません。`,
        en: `${dir} is neither empty nor a package directory.`,
      },
      [],
    );
  }
  const { contents, data = [] } = previous as PackageManifest;
  for (const entry of [...contents, ...data]) await rm(join(dir, entry.file), { force: true });
  await rm(join(dir, MANIFEST_FILE));
}
