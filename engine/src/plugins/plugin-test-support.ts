import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PluginDefinition } from '@kiban/sdk';
import { readConfig } from '../config.ts';
import type { DatabaseHandle } from '../data/index.ts';
import { createEngine, type Engine } from '../engine.ts';
import type { MetadataItem } from '../metadata/index.ts';
import { TEST_ADMIN_PASSWORD } from '../testing/index.ts';
import type { LogEntry } from './logger.ts';

/** Shared by the plugin host suites: metadata on disk, and engines started on a database kept between them. */

export const NOTE_ENTITY: MetadataItem = {
  kind: 'entity',
  name: 'Note',
  label: { ja: 'メモ', en: 'Note' },
  fields: [
    { name: 'title', type: 'string', label: { ja: '題名', en: 'Title' }, required: true },
    { name: 'author', type: 'string', label: { ja: '書いた人', en: 'Author' }, classification: 'personal' },
  ],
};

/** Staff who may only read notes, and residents who may write their own. */
export const NOTE_ROLES: MetadataItem[] = [
  {
    kind: 'role',
    name: 'note-reader',
    label: { ja: 'メモ閲覧' },
    audience: 'staff',
    permissions: [{ entity: 'Note', actions: ['read'] }],
  },
  {
    kind: 'role',
    name: 'note-writer',
    label: { ja: 'メモ作成' },
    audience: 'resident',
    permissions: [{ entity: 'Note', actions: ['read', 'create'], where: { owner: { eq: '$user' } } }],
  },
];

/** A directory holding each item as its own JSON file (or raw values, for broken metadata). */
export async function metadataDir(items: unknown[]): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kiban-plugin-metadata-'));
  await mkdir(join(dir, 'items'));
  for (const [index, item] of items.entries()) {
    const name = (item as { name?: string }).name ?? `item-${index}`;
    await writeFile(join(dir, 'items', `${index}-${name}.json`), JSON.stringify(item, null, 2));
  }
  return dir;
}

/** The handle with a `close` that leaves the database alone, so that a second engine can start on it. */
export function keepOpen(database: DatabaseHandle): DatabaseHandle {
  return { ...database, close: async () => {} };
}

/** A handle that remembers whether the engine closed it (running `onClose` then) and leaves the database alone. */
export function closeTracked(database: DatabaseHandle, onClose: () => Promise<void> = async () => {}) {
  let closed = false;
  const handle: DatabaseHandle = {
    ...database,
    close: async () => {
      closed = true;
      await onClose();
    },
  };
  return { handle, closed: () => closed };
}

export interface StartOptions {
  seed?: string[];
  logs?: LogEntry[];
}

/** An engine on `database` with these plugins; the caller closes both. */
export async function startOn(
  database: DatabaseHandle,
  plugins: PluginDefinition[],
  options: StartOptions = {},
): Promise<Engine> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kiban-plugin-engine-'));
  const config = {
    ...readConfig({ KIBAN_ADMIN_PASSWORD: TEST_ADMIN_PASSWORD }),
    dataDir,
    seedMetadataDirs: options.seed ?? [],
  };
  return createEngine(config, { database, plugins, log: (entry) => options.logs?.push(entry) });
}
