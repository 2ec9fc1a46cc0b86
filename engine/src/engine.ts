import { Server as HttpServer } from 'node:http';
import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { assertProductionDatabase } from './access/index.ts';
import { type ApiEnv, createApiApp } from './api/index.ts';
import type { EngineConfig } from './config.ts';
import { type DatabaseHandle, openDatabase } from './data/index.ts';
import { KibanError } from './errors.ts';
import { type EventBus, startEventBus } from './events/index.ts';
import {
  type FileService,
  type FileStore,
  FsFileStore,
  loadUrlSigner,
  markDeletedFiles,
  startFileService,
} from './files/index.ts';
import { type EngineJobs, retentionJob, startJobService } from './jobs/index.ts';
import { loadMetadataDirectory, loadPublished, type MetadataError, validateMetadata } from './metadata/index.ts';
import { type PackageOperations, packageOperations } from './packages/index.ts';
import { createPluginHost, type EnginePlugins, type PluginHost, type PluginHostOptions } from './plugins/index.ts';
import { createRealtimeHub, createRecordNotices, type RecordNotices, recordsChannel } from './realtime/index.ts';
import type { RecordChange, RecordWrittenListener } from './records/index.ts';
import { REPORT_DELIVERY_JOB, reportDeliveryHandler } from './reports/schedules/index.ts';
import { bootstrapDatabase } from './runtime/bootstrap.ts';
import { followPublications } from './runtime/follow-publications.ts';
import { buildLiveApp, type LiveApp } from './runtime/live-app.ts';
import { type MetadataChanges, type PublishOptions, type PublishOutcome, publishMetadata } from './runtime/publish.ts';
import { appendRecordEvent, inOrder } from './runtime/record-events.ts';
import { fireDueTimers, startTimerRunner, startWorkflowOnCreate, type TimerOutcome } from './workflow/index.ts';

/** Dashboards hear of changed records at most this often per entity. */
const RECORD_NOTICE_INTERVAL_MS = 1000;

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
  readonly plugins: EnginePlugins;
  /** Files of records: upload, download, signed URLs, and the sweep of deleted files' bytes. */
  readonly files: FileService;
  /** Workflow timers; they also fire on their own every `workflowTimerSeconds`. */
  readonly workflows: { fireDueTimers(now?: Date): Promise<TimerOutcome[]> };
  /** The settings plugins declare, and the key their secrets are sealed with. */
  readonly settings: PluginHost['settings'];
  /** Background jobs; they also run on their own every `jobPollMilliseconds`. */
  readonly jobs: EngineJobs;
  listen(): Promise<{ port: number; close(): Promise<void> }>;
  close(): Promise<void>;
}

export interface EngineOptions extends PluginHostOptions {
  /** An open database; the engine owns it from here on and closes it on close() or a failed start. */
  database?: DatabaseHandle;
  /** Where file contents go; by default the directory `files` under the data directory. */
  fileStore?: FileStore;
}

/**
 * Starts the engine: plugins loaded and checked, database prepared, the published app live,
 * plugin metadata published and plugins installed, the API built, plugins started. When any
 * step fails, everything opened so far is closed again before the error is thrown.
 */
export async function createEngine(config: EngineConfig, options: EngineOptions = {}): Promise<Engine> {
  const opened: (() => Promise<void>)[] = [];
  const given = options.database;
  if (given) opened.push(() => given.close());
  try {
    return await startEngine(config, options, opened);
  } catch (error) {
    for (const close of opened.reverse()) await close().catch(() => {});
    throw error;
  }
}

async function startEngine(
  config: EngineConfig,
  options: EngineOptions,
  opened: (() => Promise<void>)[],
): Promise<Engine> {
  const plugins = await createPluginHost(config, options);
  const database =
    options.database ?? (await openDatabase({ url: config.databaseUrl, dataDir: `${config.dataDir}/data` }));
  if (!options.database) opened.push(() => database.close());
  const boot = await bootstrapDatabase(database.url, config);
  // After the bootstrap: on a first start the audit trail exists only now, to be checked.
  if (config.production) await assertProductionDatabase(database);
  // Run in each record write's transaction, in this order; what they write commits with the write.
  const recordWrittenListeners: RecordWrittenListener[] = [appendRecordEvent, startWorkflowOnCreate, markDeletedFiles];
  let events: EventBus | undefined;
  let files: FileService | undefined;
  let notices: RecordNotices | undefined;
  const liveOptions = {
    databaseUrl: database.url,
    embedded: database.embedded,
    fieldTypes: plugins.fieldTypes,
    recordWritten: inOrder(recordWrittenListeners),
    // The write's event is in the outbox now: have the bus look instead of waiting for its next poll.
    onRecordChange: (change: RecordChange) => {
      events?.wake();
      notices?.changed(change.entity);
      if (change.action === 'deleted') files?.sweepSoon();
    },
  };
  let live = await buildLiveApp({ ...liveOptions, generation: 1, items: boot.published });
  const retiring = new Set<Promise<void>>();
  const closeGenerations = () => Promise.all([...retiring, live.retire()]).then(() => {});
  opened.push(closeGenerations);
  plugins.connect(() => live);
  const realtime = createRealtimeHub({
    live: () => live,
    channels: [recordsChannel(() => live), ...plugins.realtimeChannels],
    // On a shared PostgreSQL server, broadcasts reach the sockets of every engine process.
    clusterDatabaseUrl: database.embedded ? undefined : database.url,
    sessionCheckMs: config.realtimeSessionCheckSeconds * 1000,
    trustProxy: config.trustProxy,
    onError: (error) => console.error(`[kiban] realtime: ${error instanceof Error ? error.stack : error}`),
  });
  opened.push(() => realtime.close());
  const recordNotices = createRecordNotices({
    hub: realtime,
    sql: () => live.sql(),
    intervalMs: RECORD_NOTICE_INTERVAL_MS,
    onError: (error) => console.error(`[kiban] record notices: ${error instanceof Error ? error.stack : error}`),
  });
  notices = recordNotices;
  opened.push(() => recordNotices.close());
  plugins.connectRealtime(realtime);
  const fileService = await startFileService({
    store: options.fileStore ?? new FsFileStore(`${config.dataDir}/files`),
    spoolDir: `${config.dataDir}/uploads`,
    signer: await loadUrlSigner(live.sql()),
    sql: () => live.sql(),
    onError: (error) => console.error(`[kiban] file sweep: ${error instanceof Error ? error.stack : error}`),
  });
  files = fileService;
  plugins.connectFiles(fileService);
  opened.push(() => fileService.close());
  fileService.sweepSoon();

  const publish = async (changes: MetadataChanges, publishOptions: Partial<PublishOptions> = {}) => {
    const current = live;
    const release = current.enter();
    try {
      const outcome = await publishMetadata(current.orm, changes, {
        confirmDestructive: false,
        dryRun: false,
        principal: null,
        ...publishOptions,
        fieldTypes: plugins.fieldTypes,
      });
      if (outcome.publicationId !== null) {
        await swap(outcome.items);
        await follower?.announce();
      }
      return outcome;
    } finally {
      release();
    }
  };

  /** Requests already running finish on the generation they started with; it closes after them. */
  const swap = async (items: PublishOutcome['items']) => {
    const previous = live;
    live = await buildLiveApp({ ...liveOptions, generation: previous.generation + 1, items });
    const closing = previous.retire().finally(() => retiring.delete(closing));
    retiring.add(closing);
  };

  // Other engine processes on the same database publish too: their publications go live here.
  const follower = database.embedded
    ? undefined
    : await followPublications({
        databaseUrl: database.url,
        reload: async () => swap((await loadPublished(live.sql())).map((row) => row.item)),
        onError: (error) => console.error(`[kiban] publications: ${error instanceof Error ? error.stack : error}`),
      });
  if (follower) opened.push(() => follower.close());

  /** Validated together with the live app, so that its items may refer to published ones (a plugin's entities). */
  const publishDirectory = async (dir: string, publishOptions: Partial<PublishOptions> = {}) => {
    const loaded = await loadMetadataDirectory(dir);
    const replaced = new Set(loaded.items.map(({ item }) => `${item.kind}:${item.name}`));
    const app = live.items.filter((item) => !replaced.has(`${item.kind}:${item.name}`));
    const errors: MetadataError[] = [
      ...loaded.errors,
      ...validateMetadata([...app, ...loaded.items], { fieldTypes: plugins.fieldTypes }),
    ];
    if (errors.length > 0) throw metadataFileErrors(dir, errors);
    return publish({ upserts: loaded.items.map((entry) => entry.item), removals: [] }, publishOptions);
  };

  // Plugins first: the app's seed metadata may grant roles on a plugin's entities.
  await plugins.publishMetadata(publish);
  for (const dir of boot.published.length === 0 ? config.seedMetadataDirs : []) await publishDirectory(dir);
  await plugins.install();
  // After install: handlers may act as their plugin's system principal, which install makes sure of.
  const bus = await startEventBus({
    natsUrl: config.natsUrl,
    natsStream: config.natsStream,
    transact: plugins.transact,
    relayTransact: plugins.relayTransact,
    subscribers: plugins.subscribers,
    onError: plugins.eventFailed,
  });
  events = bus;
  opened.push(() => bus.stop());
  plugins.connectEvents(bus);

  let jobService: Awaited<ReturnType<typeof startJobService>> | undefined;
  const packages = packageOperations({
    live: () => live,
    publish,
    installedPlugins: () =>
      Object.fromEntries(plugins.names.map((name) => [name, plugins.context(name).plugin.version])),
  });
  const app = createApiApp({
    config,
    packages,
    live: () => live,
    publish,
    pluginRoutes: plugins.mount,
    publicRoutes: plugins.mountPublic,
    runAction: plugins.runAction,
    delegation: plugins.delegation,
    pluginActions: plugins.actionDescriptions,
    ui: { portals: config.uiDir, designer: config.designerDir, plugins: plugins.uiBundles },
    pluginUi: plugins.uiBundles,
    files: fileService,
    wakeJobs: () => jobService?.jobs.wake(),
    settings: plugins.settings,
  });
  await plugins.start();
  const retention = retentionJob(config.retentionDays);
  const mailer = plugins.mailer;
  if (mailer) opened.push(async () => mailer.close());
  const deliverReport = reportDeliveryHandler({ mailer, timeZone: config.timeZone });
  jobService = await startJobService({
    transact: plugins.transact,
    handlers: new Map([...plugins.jobs.handlers, ...retention.handlers, [REPORT_DELIVERY_JOB, deliverReport]]),
    schedules: [...plugins.jobs.schedules, ...retention.schedules],
    timeZone: config.timeZone,
    pollMs: config.jobPollMilliseconds,
    onFailure: plugins.jobFailed,
    onError: (error) => console.error(`[kiban] jobs: ${error instanceof Error ? error.stack : error}`),
  });
  opened.push(() => jobService.stop());
  plugins.connectJobs(jobService.jobs.wake);
  const fireTimers = async (now?: Date) => {
    const current = live;
    const release = current.enter();
    try {
      return await fireDueTimers(current, plugins.runAction, {
        now,
        onChanges: (changes) => changes.forEach(current.reportChange),
      });
    } finally {
      release();
    }
  };
  const timers = startTimerRunner({
    fire: fireTimers,
    intervalMs: config.workflowTimerSeconds * 1000,
    onError: (error) => console.error(`[kiban] workflow timers: ${error instanceof Error ? error.stack : error}`),
  });

  return {
    config,
    app,
    database,
    initialAdminPasswordFile: boot.initialAdminPasswordFile,
    live: () => live,
    publish,
    publishDirectory,
    packages,
    plugins,
    files: fileService,
    workflows: { fireDueTimers: fireTimers },
    jobs: jobService.jobs,
    settings: plugins.settings,
    listen: () =>
      new Promise((resolve) => {
        const server = serve({ fetch: app.fetch, hostname: config.host, port: config.port }, (info) =>
          resolve({
            port: info.port,
            close: () =>
              new Promise<void>((done) => {
                // Open sockets and idle keep-alive connections would keep the server from closing.
                realtime.disconnectLocal();
                server.close(() => done());
                if ('closeIdleConnections' in server) server.closeIdleConnections();
              }),
          }),
        );
        if (server instanceof HttpServer) realtime.attach(server);
      }),
    close: async () => {
      await jobService.stop();
      await timers.stop();
      await plugins.stop();
      await recordNotices.close();
      await realtime.close();
      await follower?.close();
      await fileService.close();
      mailer?.close();
      await closeGenerations();
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
      pointer:
        error.file === undefined ? `/${error.kind}/${error.name}${error.pointer}` : `${error.file}#${error.pointer}`,
      code: error.code,
      message: error.message,
    })),
  );
}
