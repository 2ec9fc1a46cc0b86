import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { type ApiEnv, createApiApp } from './api/index.ts';
import type { EngineConfig } from './config.ts';
import { type DatabaseHandle, openDatabase } from './data/index.ts';
import { KibanError } from './errors.ts';
import { loadMetadataDirectory, type MetadataError, validateMetadata } from './metadata/index.ts';
import { type PackageOperations, packageOperations } from './packages/index.ts';
import { bootstrapDatabase } from './runtime/bootstrap.ts';
import { buildLiveApp, type LiveApp } from './runtime/live-app.ts';
import { type MetadataChanges, type PublishOptions, type PublishOutcome, publishMetadata } from './runtime/publish.ts';

export interface Engine {
  readonly config: EngineConfig;
  readonly app: Hono<ApiEnv>;
  readonly database: DatabaseHandle;
  /** Set on the first start when the administrator's password was generated. */
  readonly initialAdminPasswordFile?: string;
  live(): LiveApp;
  publish(changes: MetadataChanges, options?: Partial<PublishOptions>): Promise<PublishOutcome>;
  /** Loads a metadata directory and publishes every item in it. */
  publishDirectory(dir: string, options?: Partial<PublishOptions>): Promise<PublishOutcome>;
  /** Metadata packages: export, read, plan, atomic import, rollback, history. */
  readonly packages: PackageOperations;
  listen(): Promise<{ port: number; close(): Promise<void> }>;
  close(): Promise<void>;
}

export async function createEngine(config: EngineConfig, options: { database?: DatabaseHandle } = {}): Promise<Engine> {
  const database =
    options.database ?? (await openDatabase({ url: config.databaseUrl, dataDir: `${config.dataDir}/data` }));
  const boot = await bootstrapDatabase(database.url, config);
  let live = await buildLiveApp({
    databaseUrl: database.url,
    embedded: database.embedded,
    generation: 1,
    items: boot.published,
  });
  const retiring = new Set<Promise<void>>();

  const publish = async (changes: MetadataChanges, publishOptions: Partial<PublishOptions> = {}) => {
    const current = live;
    const release = current.enter();
    try {
      const outcome = await publishMetadata(current.orm, changes, {
        confirmDestructive: false,
        dryRun: false,
        principal: null,
        ...publishOptions,
      });
      if (outcome.publicationId !== null) await swap(outcome.items);
      return outcome;
    } finally {
      release();
    }
  };

  /** Requests already running finish on the generation they started with; it closes after them. */
  const swap = async (items: PublishOutcome['items']) => {
    const previous = live;
    live = await buildLiveApp({
      databaseUrl: database.url,
      embedded: database.embedded,
      generation: previous.generation + 1,
      items,
    });
    const closing = previous.retire().finally(() => retiring.delete(closing));
    retiring.add(closing);
  };

  const publishDirectory = async (dir: string, publishOptions: Partial<PublishOptions> = {}) => {
    const loaded = await loadMetadataDirectory(dir);
    const errors: MetadataError[] = [...loaded.errors, ...validateMetadata(loaded.items)];
    if (errors.length > 0) throw metadataFileErrors(dir, errors);
    return publish({ upserts: loaded.items.map((entry) => entry.item), removals: [] }, publishOptions);
  };

  for (const dir of boot.published.length === 0 ? config.seedMetadataDirs : []) await publishDirectory(dir);

  const app = createApiApp({ config, live: () => live, publish });

  return {
    config,
    app,
    database,
    initialAdminPasswordFile: boot.initialAdminPasswordFile,
    live: () => live,
    publish,
    publishDirectory,
    packages: packageOperations({ live: () => live, publish }),
    listen: () =>
      new Promise((resolve) => {
        const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info) =>
          resolve({
            port: info.port,
            close: () => new Promise<void>((done) => server.close(() => done())),
          }),
        );
      }),
    close: async () => {
      await Promise.all([...retiring, live.retire()]);
      await database.close();
    },
  };
}

function metadataFileErrors(dir: string, errors: MetadataError[]): KibanError {
  return new KibanError(
    'metadata.invalid',
    422,
    {
      ja: `${dir} のメタデータに ${errors.length} 件の問題があります。`,
      en: `The metadata in ${dir} has ${errors.length} problem(s).`,
    },
    errors.map((error) => ({
      pointer: `${error.file ?? ''}#${error.pointer}`,
      code: error.code,
      message: error.message,
    })),
  );
}
