import type { PluginContext, PluginDefinition, PluginEvent } from '@kiban/sdk';
import type { Hono } from 'hono';
import type { ApiEnv } from '../api/index.ts';
import type { EngineConfig } from '../config.ts';
import type { FieldTypeRegistry } from '../metadata/index.ts';
import type { RecordChange } from '../records/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import type { MetadataChanges, PublishOutcome } from '../runtime/publish.ts';
import { createPluginRuntime, type PluginRuntime } from './context.ts';
import { ENGINE_VERSION } from './engine-version.ts';
import { createEventDispatcher, type EventSubscription, recordEvent } from './events.ts';
import { fieldTypeRegistry } from './field-types.ts';
import { mountPluginHttp } from './http.ts';
import { installPlugin } from './install.ts';
import { loadPlugins } from './load.ts';
import { consoleLogSink, type LogSink } from './logger.ts';
import { publishPluginMetadata } from './metadata.ts';
import { orderPlugins } from './order.ts';
import { pluginConfigs } from './plugin-config.ts';
import { pluginFailed } from './plugin-errors.ts';

/** What the engine offers about its plugins once it runs. */
export interface EnginePlugins {
  /** Loaded plugins, in start order. */
  readonly names: readonly string[];
  /** The context a plugin's code receives, e.g. for a test to act as the plugin. */
  context(name: string): PluginContext;
  /** Resolves once every event delivered so far has been handled. */
  settled(): Promise<void>;
}

/** The host's steps, in the order the engine takes them. */
export interface PluginHost extends EnginePlugins {
  readonly fieldTypes: FieldTypeRegistry;
  /** Gives the plugins the engine's current generation; call before any later step. */
  connect(live: () => LiveApp): void;
  /** For the live app: record writes made outside a plugin transaction, once committed. */
  recordChanged(change: RecordChange): void;
  publishMetadata(publish: (changes: MetadataChanges) => Promise<PublishOutcome>): Promise<void>;
  install(): Promise<void>;
  mount(app: Hono<ApiEnv>): void;
  /** Runs the start hooks in order; when one fails, stops those already started and throws. */
  start(): Promise<void>;
  /** Waits for running event handlers, then runs the stop hooks in reverse order. */
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
  const subscriptions: EventSubscription[] = [];
  const dispatcher = createEventDispatcher(subscriptions);
  const deliver = (events: PluginEvent[]) => dispatcher.deliver(events);
  const runtimes = ordered.map((plugin) =>
    createPluginRuntime(plugin, {
      live,
      deliver,
      config: configs.get(plugin.definition.name) ?? {},
      log: options.log ?? consoleLogSink,
    }),
  );
  for (const { definition, context, logger } of runtimes) {
    for (const contribution of definition.events ?? []) subscriptions.push({ contribution, context, logger });
  }
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
    fieldTypes,
    context(name) {
      const runtime = runtimes.find(({ definition }) => definition.name === name);
      if (!runtime) throw new Error(`No plugin named ${name} is loaded.`);
      return runtime.context;
    },
    settled: () => dispatcher.settled(),
    connect(getLive) {
      connected = getLive;
    },
    // Without handlers a write need not even build its event.
    recordChanged: subscriptions.length === 0 ? () => {} : (change) => dispatcher.deliver([recordEvent(change)]),
    publishMetadata: (publish) => publishPluginMetadata(runtimes, { live, publish, fieldTypes }),
    async install() {
      for (const runtime of runtimes) await installPlugin(runtime, live, deliver);
    },
    mount: (app) => mountPluginHttp(app, runtimes),
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
      await dispatcher.settled();
      dispatcher.close();
      await stopStarted();
    },
  };
}
