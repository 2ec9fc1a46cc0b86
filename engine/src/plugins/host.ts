import type { CliCommandContribution, PluginContext, PluginDefinition } from '@kiban/sdk';
import type { Hono } from 'hono';
import type { ActionDescription, ApiEnv } from '../api/index.ts';
import type { EngineConfig } from '../config.ts';
import { sqlOf } from '../data/index.ts';
import type { BusEvent, EventBus, Subscriber, Transact } from '../events/index.ts';
import type { FileService } from '../files/index.ts';
import type { ClaimedJob } from '../jobs/index.ts';
import { type Mailer, mailerOf } from '../mail/index.ts';
import type { FieldTypeRegistry } from '../metadata/index.ts';
import type { RealtimeChannel, RealtimeHub } from '../realtime/index.ts';
import { REPORT_SETTINGS } from '../reports/ward-map.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import type { MetadataChanges, PublishOutcome } from '../runtime/publish.ts';
import { type DeclaredSettings, declaredSettings, loadSecretKey } from '../settings/index.ts';
import type { ActionRunner } from '../workflow/index.ts';
import { type RegisteredAction, registerActions, workflowActionRunner } from './actions.ts';
import { createPluginRuntime, type PluginRuntime } from './context.ts';
import { type DelegationResolver, pluginDelegation } from './delegation.ts';
import { ENGINE_VERSION } from './engine-version.ts';
import { pluginSubscribers } from './events.ts';
import { fieldTypeRegistry } from './field-types.ts';
import { mountPluginHttp } from './http.ts';
import { installPlugin } from './install.ts';
import { type PluginJobs, pluginJobs } from './jobs.ts';
import { loadPlugins } from './load.ts';
import { consoleLogSink, type LogSink } from './logger.ts';
import { publishPluginMetadata } from './metadata.ts';
import { orderPlugins } from './order.ts';
import { createPluginsApi } from './plugin-calls.ts';
import { pluginConfigs } from './plugin-config.ts';
import { pluginFailed } from './plugin-errors.ts';
import { mountPublicPluginHttp } from './public-http.ts';
import { pluginRealtimeChannels } from './realtime.ts';
import { inPluginTransaction } from './transaction-context.ts';
import { type PluginUiBundle, pluginUiBundles } from './ui.ts';

/** What the engine offers about its plugins once it runs. */
export interface EnginePlugins {
  /** Loaded plugins, in start order. */
  readonly names: readonly string[];
  /** The context a plugin's code receives, e.g. for a test to act as the plugin. */
  context(name: string): PluginContext;
  /**
   * Resolves once every event written so far has reached every handler; an event whose
   * handler failed counts once it has been tried (it is retried later, see `EventBus.settled`).
   */
  settled(): Promise<void>;
  /** The command-line commands plugins add, with the plugin that owns each. */
  readonly commands: readonly PluginCommand[];
}

export interface PluginCommand {
  plugin: string;
  command: CliCommandContribution;
}

/** The host's steps, in the order the engine takes them. */
export interface PluginHost extends EnginePlugins {
  readonly fieldTypes: FieldTypeRegistry;
  /** The plugins' event handlers, as durable subscribers of the event bus. */
  readonly subscribers: readonly Subscriber[];
  /**
   * Opens the transactions the event bus delivers in, as plugin transactions: a handler's
   * data calls and published events join them and commit with its receipt.
   */
  readonly transact: Transact;
  /**
   * The same transactions without the wake-up on commit, for the event bus's own relay: a
   * relay woken by its own (mostly empty) look at the outbox would look again at once, and
   * never rest. Events its handlers append are found by the relay's next batch anyway.
   */
  readonly relayTransact: Transact;
  /** Logs a handler's failure in its plugin's log, and the bus's own on stderr. */
  eventFailed(error: unknown, failed?: { subscriber: string; event: BusEvent }): void;
  /** Gives the plugins the engine's current generation; call before any later step. */
  connect(live: () => LiveApp): void;
  /** Hands over the running event bus: plugin commits wake it; `settled` and `stop` use it. */
  connectEvents(bus: EventBus): void;
  /** The realtime channels the plugins declare. */
  readonly realtimeChannels: readonly RealtimeChannel[];
  /** Hands over the realtime hub `ctx.realtime.emit` sends through. */
  connectRealtime(hub: RealtimeHub): void;
  /** The file service `ctx.files` stands on, started after the live app. */
  connectFiles(files: FileService): void;
  publishMetadata(publish: (changes: MetadataChanges) => Promise<PublishOutcome>): Promise<void>;
  install(): Promise<void>;
  mount(app: Hono<ApiEnv>): void;
  /** Mounts the plugins' public routes; call before `/api` requires a principal. */
  mountPublic(app: Hono<ApiEnv>, options: { trustProxy: boolean; secureCookies: boolean }): void;
  /** Calls plugin actions for workflow transitions (`callAction`). */
  readonly runAction: ActionRunner;
  /** Whether a principal may act for another on the record API, as the plugins' `delegation` decide. */
  readonly delegation: DelegationResolver;
  /** Each action as `<plugin>.<action>` with its label, input schema and roles, for the OpenAPI document. */
  readonly actionDescriptions: readonly ActionDescription[];
  /** The browser code plugins ship for the portals. */
  readonly uiBundles: readonly PluginUiBundle[];
  /** The plugins' job handlers and schedules, for the job runner. */
  readonly jobs: PluginJobs;
  /** Logs a job's failed run in its plugin's log. */
  jobFailed(job: ClaimedJob, error: unknown, outcome: 'retry' | 'dead'): void;
  /** The settings plugins declare, and the key their secrets are sealed with, for the settings API. */
  readonly settings: { declared: ReadonlyMap<string, DeclaredSettings>; key: Buffer };
  /** Hands over a way to wake the job runner when a plugin enqueues a job. */
  connectJobs(wake: () => void): void;
  /** The engine's SMTP mailer (`ctx.mail` and scheduled reports); null without a server. The engine closes it. */
  readonly mailer: Mailer | null;
  /** Runs the start hooks in order; when one fails, stops those already started and throws. */
  start(): Promise<void>;
  /** Stops the event bus (the batch in progress finishes), then runs the stop hooks in reverse order. */
  stop(): Promise<void>;
}

export interface PluginHostOptions {
  /** Definitions given directly (tests), loaded after those the configuration names. */
  plugins?: PluginDefinition[];
  log?: LogSink;
}

/**
 * Loads, checks and orders the configured plugins, before the engine opens anything: a
 * missing or broken plugin, an unmet requirement or a cycle fails here, naming the plugin.
 */
export async function createPluginHost(config: EngineConfig, options: PluginHostOptions = {}): Promise<PluginHost> {
  const ordered = orderPlugins(await loadPlugins(config.plugins, options.plugins ?? []), ENGINE_VERSION);
  const fieldTypes = fieldTypeRegistry(ordered);
  const names = ordered.map((plugin) => plugin.definition.name);
  const configs = pluginConfigs(names, config.pluginVariables, config.pluginConfig);
  let connected: (() => LiveApp) | undefined;
  const live = () => {
    if (!connected) throw new Error('The plugin host is not connected to the engine yet.');
    return connected();
  };
  let bus: EventBus | undefined;
  let realtimeHub: RealtimeHub | undefined;
  let fileService: FileService | undefined;
  const files = () => {
    if (!fileService) throw new Error('The plugin host has no file service yet.');
    return fileService;
  };
  const committed = () => bus?.wake();
  let wakeJobs: (() => void) | undefined;
  const secretKey = await loadSecretKey(config.secretKey, config.dataDir);
  // One pooled SMTP connection for the whole engine: plugins' mail and the engine's reports.
  const mailer = mailerOf(config);
  const loaded = new Set(names);
  let actions: ReadonlyMap<string, RegisteredAction> = new Map();
  const runtimes: PluginRuntime[] = ordered.map((plugin) =>
    createPluginRuntime(plugin, {
      live,
      committed,
      config: configs.get(plugin.definition.name) ?? {},
      log: options.log ?? consoleLogSink,
      realtimeHub: () => realtimeHub,
      files,
      jobEnqueued: () => wakeJobs?.(),
      secretKey,
      mailer,
      plugins: (caller) =>
        createPluginsApi({ caller, live, loaded: () => loaded, actions: () => actions, runtimes: () => runtimes }),
    }),
  );
  const subscribers = pluginSubscribers(runtimes);
  actions = registerActions(runtimes);
  const started: PluginRuntime[] = [];

  const stopStarted = async () => {
    for (const runtime of started.splice(0).reverse()) {
      try {
        await runtime.definition.stop?.(runtime.context);
      } catch (error) {
        runtime.logger.error('stop failed', { error });
      }
    }
  };

  return {
    names,
    commands: ordered.flatMap((plugin) =>
      (plugin.definition.cli ?? []).map((command) => ({ plugin: plugin.definition.name, command })),
    ),
    fieldTypes,
    context(name) {
      const runtime = runtimes.find(({ definition }) => definition.name === name);
      if (!runtime) throw new Error(`No plugin named ${name} is loaded.`);
      return runtime.context;
    },
    settled: async () => bus?.settled(),
    subscribers,
    transact: (work) => inPluginTransaction(live, committed, ({ em }) => work(sqlOf(em))),
    relayTransact: (work) =>
      inPluginTransaction(
        live,
        () => {},
        ({ em }) => work(sqlOf(em)),
      ),
    eventFailed(error, failed) {
      const message = error instanceof Error ? error.message : String(error);
      const logger = subscribers.find((subscriber) => subscriber.name === failed?.subscriber)?.logger;
      if (failed && logger) {
        logger.error('event handler failed', { event: failed.event.type, eventId: failed.event.id, error: message });
      } else console.error(`[kiban] event bus: ${error instanceof Error ? (error.stack ?? message) : message}`);
    },
    connect(getLive) {
      connected = getLive;
    },
    connectFiles(service) {
      fileService = service;
    },
    connectEvents(running) {
      bus = running;
    },
    realtimeChannels: pluginRealtimeChannels(runtimes),
    connectRealtime(hub) {
      realtimeHub = hub;
    },
    publishMetadata: (publish) => publishPluginMetadata(runtimes, { live, publish, fieldTypes }),
    async install() {
      for (const runtime of runtimes) await installPlugin(runtime, live, committed);
    },
    mount: (app) => mountPluginHttp(app, runtimes, actions),
    mountPublic: (app, options) => mountPublicPluginHttp(app, runtimes, options),
    runAction: workflowActionRunner(actions),
    delegation: pluginDelegation(runtimes),
    actionDescriptions: [...actions].map(([name, { action }]) => ({
      name,
      label: action.label,
      input: action.input as Record<string, unknown>,
      roles: action.roles,
    })),
    uiBundles: pluginUiBundles(runtimes),
    jobs: pluginJobs(runtimes),
    // The engine's report settings (the ward map) are declared beside the plugins', served alike.
    settings: {
      declared: declaredSettings([...ordered.map((plugin) => plugin.definition), REPORT_SETTINGS]),
      key: secretKey,
    },
    jobFailed(job, error, outcome) {
      const plugin = runtimes.find(({ definition }) => job.name.startsWith(`${definition.name}.`));
      const message = error instanceof Error ? error.message : String(error);
      plugin?.logger.error(outcome === 'dead' ? 'job failed for the last time' : 'job failed', {
        job: job.name,
        jobId: job.id,
        attempt: job.attempt,
        error: message,
      });
    },
    mailer,
    connectJobs(wake) {
      wakeJobs = wake;
    },
    async start() {
      for (const runtime of runtimes) {
        try {
          await runtime.definition.start?.(runtime.context);
        } catch (error) {
          await stopStarted();
          throw pluginFailed(runtime.definition.name, 'start', error);
        }
        started.push(runtime);
      }
    },
    async stop() {
      await bus?.stop();
      await stopStarted();
    },
  };
}
