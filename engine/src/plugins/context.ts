import type { ActionContext, Actor, Logger, PluginContext, PluginDefinition, PluginsApi } from '@kiban/sdk';
import type { Principal } from '../access/index.ts';
import { sqlOf } from '../data/index.ts';
import { appendEvents } from '../events/index.ts';
import type { FileService } from '../files/index.ts';
import { enqueueJob } from '../jobs/index.ts';
import type { Mailer } from '../mail/index.ts';
import type { RealtimeHub } from '../realtime/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import { readSettings } from '../settings/index.ts';
import { createDataApi, type DataApiDeps } from './data-api.ts';
import { createDirectoryApi } from './directory-api.ts';
import { createFilesApi } from './files-api.ts';
import { createIdentityApi } from './identity-api.ts';
import { DEFAULT_MAX_ATTEMPTS } from './jobs.ts';
import type { LoadedPlugin } from './load.ts';
import { createPluginLogger, type LogSink } from './logger.ts';
import { createMailApi } from './mail-api.ts';
import { createMetadataApi } from './metadata-api.ts';
import { pluginRealtimeApi } from './realtime.ts';
import { createSegmentsApi } from './segments-api.ts';
import { createAuditApi, createSqlApi, type InPluginTransaction } from './storage-api.ts';
import { inPluginTransaction } from './transaction-context.ts';

/** A loaded plugin as the host keeps it: its definition and the context its code receives. */
export interface PluginRuntime {
  readonly definition: PluginDefinition;
  readonly source: string;
  readonly context: PluginContext;
  readonly logger: Logger;
  /** Known once the host has made sure the plugin's system principal exists. */
  systemPrincipal?: Principal;
}

export interface ContextDeps {
  live(): LiveApp;
  /** Told when a transaction the plugin opened has committed. */
  committed(): void;
  config: Readonly<Record<string, unknown>>;
  log: LogSink;
  /** The running realtime hub; absent until the engine started it. */
  realtimeHub(): RealtimeHub | undefined;
  files(): FileService;
  /** Opens the plugin's secret settings. */
  secretKey: Buffer;
  /** Told when the plugin enqueued a job, so that the runner looks soon. */
  jobEnqueued?(): void;
  /** `ctx.plugins` of the plugin `caller`. */
  plugins(caller: string): PluginsApi;
  /** The engine's mailer; null without an SMTP server. */
  mailer: Mailer | null;
}

export function createPluginRuntime({ definition, source }: LoadedPlugin, deps: ContextDeps): PluginRuntime {
  const { name, version } = definition;
  const inTransaction: InPluginTransaction = (work) => inPluginTransaction(deps.live, deps.committed, work);
  const qualified = (type: string) => (type.startsWith(`${name}.`) ? type : `${name}.${type}`);
  const logger = createPluginLogger(name, deps.log, () => personalFieldNames(deps.live()));
  const runtime: PluginRuntime = {
    definition,
    source,
    logger,
    context: {
      plugin: Object.freeze({ name, version }),
      config: deps.config,
      logger,
      events: {
        // To the outbox, in the plugin transaction open here or in one of its own.
        async publish(type, payload) {
          const event = { type: qualified(type), payload };
          await inPluginTransaction(deps.live, deps.committed, ({ em }) => appendEvents(sqlOf(em), [event]));
        },
        async publishMany(events) {
          const qualifiedEvents = events.map(({ type, payload }) => ({ type: qualified(type), payload }));
          await inPluginTransaction(deps.live, deps.committed, ({ em }) => appendEvents(sqlOf(em), qualifiedEvents));
        },
      },
      realtime: pluginRealtimeApi(name, { live: deps.live, hub: deps.realtimeHub }),
      jobs: {
        // To the queue, in the plugin transaction open here or in one of its own.
        async enqueue(job, payload, options = {}) {
          const declared = definition.jobs?.find((each) => each.name === job);
          if (!declared) throw new Error(`The plugin ${name} declares no job named ${job}.`);
          const stored = await inPluginTransaction(deps.live, deps.committed, ({ em }) =>
            enqueueJob(sqlOf(em), {
              name: `${name}.${job}`,
              payload,
              at: options.at,
              key: options.key,
              maxAttempts: declared.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
            }),
          );
          deps.jobEnqueued?.();
          return stored;
        },
      },
      // Through the plugin transaction: on PGlite a second connection inside one would wait forever.
      settings: <T>() =>
        inPluginTransaction(deps.live, deps.committed, ({ em }) =>
          readSettings(sqlOf(em), deps.secretKey, name),
        ) as Promise<T>,
      data: (actor) => createDataApi(dataDeps, actor),
      transaction: (actor, work) =>
        inPluginTransaction(deps.live, deps.committed, () => work(createDataApi(dataDeps, actor))),
      files: (actor) => createFilesApi(dataDeps, deps.files, actor),
      sql: createSqlApi(name, inTransaction, deps),
      segments: createSegmentsApi({
        live: deps.live,
        inTransaction,
        systemData: () => createDataApi(dataDeps, { kind: 'system' }),
      }),
      audit: createAuditApi(name, inTransaction, () => dataDeps.systemPrincipal()),
      identity: createIdentityApi({
        plugin: name,
        live: deps.live,
        committed: deps.committed,
        systemPrincipal: () => dataDeps.systemPrincipal(),
      }),
      directory: createDirectoryApi({
        plugin: name,
        live: deps.live,
        committed: deps.committed,
        systemPrincipal: () => dataDeps.systemPrincipal(),
      }),
      plugins: deps.plugins(name),
      metadata: createMetadataApi(deps.live),
      mail: createMailApi(deps.mailer),
    },
  };
  const dataDeps: DataApiDeps = {
    plugin: name,
    live: deps.live,
    systemPrincipal: () => {
      if (!runtime.systemPrincipal) throw new Error(`The plugin ${name} acted as system before it was installed.`);
      return runtime.systemPrincipal;
    },
  };
  return runtime;
}

/** The context of an action call: the plugin's context and who called. */
export function actionContext(context: PluginContext, actor: Actor): ActionContext {
  return { ...context, actor };
}

/** Names of fields classified personal or sensitive in any published entity, worked out once per generation. */
function personalFieldNames(live: LiveApp): ReadonlySet<string> {
  return live.memo('plugins:personalFieldNames', () => {
    const names = new Set<string>();
    for (const entity of live.entities.values()) {
      for (const field of entity.fields) {
        if (field.classification === 'personal' || field.classification === 'sensitive') names.add(field.name);
      }
    }
    return names;
  });
}
