import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Header } from 'tar';
import { expect } from 'vitest';
import { loadMetadataDirectory, type MetadataItem, type PackageManifest } from '../metadata/index.ts';
import type { TestEngine } from '../testing/index.ts';
import { KIND_DIRECTORIES } from './export-package.ts';

export const LIBRARY_CARD = resolve(import.meta.dirname, '../../../examples/library-card/metadata');

export function temporaryDirectory(): Promise<string> {
  return mkdtemp(join(tmpdir(), 'kiban-package-'));
}

/** Writes each value as a JSON file under `dir`; strings are written as they are. */
export async function writeFiles(dir: string, files: Record<string, unknown>): Promise<void> {
  for (const [path, content] of Object.entries(files)) {
    await mkdir(dirname(join(dir, path)), { recursive: true });
    await writeFile(join(dir, path), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
}

export interface CraftedEntry {
  path: string;
  type?: 'File' | 'Directory' | 'SymbolicLink' | 'Link' | 'CharacterDevice' | 'FIFO';
  body?: string;
  linkpath?: string;
}

/**
 * A tar stream built entry by entry from raw headers, so that tests can make what no honest
 * tool writes: `../` names, absolute names, links and devices. `after` is appended behind the
 * end marker, and `endMarker: false` leaves the marker out.
 */
export function craftTar(entries: CraftedEntry[], options: { after?: Buffer; endMarker?: boolean } = {}): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const body = Buffer.from(entry.body ?? '');
    const header = new Header({
      path: entry.path,
      type: entry.type ?? 'File',
      size: body.length,
      mode: entry.type === 'Directory' ? 0o755 : 0o644,
      mtime: new Date(0),
      linkpath: entry.linkpath,
    });
    const block = Buffer.alloc(512);
    header.encode(block, 0);
    blocks.push(block, body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  if (options.endMarker !== false) blocks.push(Buffer.alloc(1024));
  if (options.after) blocks.push(options.after);
  return Buffer.concat(blocks);
}

/** Writes `craftTar(entries, options)` gzipped to `file`. */
export async function craftArchive(
  file: string,
  entries: CraftedEntry[],
  options: { after?: Buffer; endMarker?: boolean } = {},
): Promise<void> {
  await writeFile(file, gzipSync(craftTar(entries, options)));
}

/** The example app's items, read fresh for each test to change as it likes. */
export async function libraryCardItems(): Promise<MetadataItem[]> {
  return (await loadMetadataDirectory(LIBRARY_CARD)).items.map((entry) => entry.item);
}

/** Writes `items` as package `library-card` into `dir` and returns the manifest. */
export async function writeItemsPackage(
  dir: string,
  items: MetadataItem[],
  manifest: Partial<PackageManifest> = {},
): Promise<PackageManifest> {
  const written: PackageManifest = {
    name: 'library-card',
    version: '1.0.0',
    ...manifest,
    contents: items.map((item) => ({
      kind: item.kind,
      name: item.name,
      file: `${KIND_DIRECTORIES[item.kind]}/${item.name}.json`,
    })),
  };
  await writeFiles(dir, {
    'manifest.json': written,
    ...Object.fromEntries(items.map((item, index) => [written.contents[index].file, item])),
  });
  return written;
}

export type DatabaseDigest = Record<string, unknown>;

/**
 * Bookkeeping that moves on its own or by design while an import is refused: the audit trail
 * records the refusal, the relay marks earlier events published and handlers leave receipts,
 * the job runner moves scheduled jobs on and timers fire, and the realtime log stores a
 * "records changed" notice up to a second after earlier writes. The outbox, jobs and timers
 * still count: a refused import must not append an event, enqueue a job or start a timer.
 */
const MOVING_ON_ITS_OWN = new Set(['kiban_audit', 'kiban_event_receipt', 'kiban_realtime_message']);
const COUNTED_ONLY = new Set(['kiban_outbox', 'kiban_job', 'kiban_workflow_timer']);

/** The live generation and a digest of every row of every kiban_* and app_* table, backups included. */
export async function databaseDigest(host: TestEngine): Promise<DatabaseDigest> {
  const live = host.engine.live();
  const tables = await live.sql().query<{ name: string }>(
    `select tablename as name from pg_tables
        where schemaname = 'public' and (tablename like 'kiban%' or tablename like 'app%') order by tablename`,
  );
  const digest: DatabaseDigest = { generation: live.generation };
  for (const { name } of tables) {
    if (MOVING_ON_ITS_OWN.has(name)) continue;
    const content = COUNTED_ONLY.has(name) ? `''` : `coalesce(md5(string_agg(t::text, '|' order by t::text)), '')`;
    const [row] = await live
      .sql()
      .query<{ rows: number; digest: string }>(`select count(*)::int as rows, ${content} as digest from "${name}" t`);
    digest[name] = row;
  }
  return digest;
}

/** Asserts that `attempt` fails with `code` and leaves every table and the live generation as they were. */
export async function expectRefusedWithoutChanges(
  host: TestEngine,
  code: string,
  attempt: () => Promise<unknown>,
): Promise<{ details: { pointer: string; code: string }[] }> {
  const before = await databaseDigest(host);
  const error = await attempt().then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toMatchObject({ code });
  expect(await databaseDigest(host)).toEqual(before);
  return error as { details: { pointer: string; code: string }[] };
}
