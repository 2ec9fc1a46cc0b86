import type { ActionContext, Actor, Logger, PluginContext, PluginDefinition } from '@kiban/sdk';
import type { Principal } from '../access/index.ts';
import { sqlOf } from '../data/index.ts';
import { appendEvents } from '../events/index.ts';
import type { FileService } from '../files/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import { createDataApi, type DataApiDeps } from './data-api.ts';
import { createFilesApi } from './files-api.ts';
import type { LoadedPlugin } from './load.ts';
import { createPluginLogger, type LogSink } from './logger.ts';
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
  files(): FileService;
}

export function createPluginRuntime({ definition, source }: LoadedPlugin, deps: ContextDeps): PluginRuntime {
  const { name, version } = definition;
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
          const event = { type: type.startsWith(`${name}.`) ? type : `${name}.${type}`, payload };
          await inPluginTransaction(deps.live, deps.committed, ({ em }) => appendEvents(sqlOf(em), [event]));
        },
      },
      data: (actor) => createDataApi(dataDeps, actor),
      transaction: (actor, work) =>
        inPluginTransaction(deps.live, deps.committed, () => work(createDataApi(dataDeps, actor))),
      files: (actor) => createFilesApi(dataDeps, deps.files, actor),
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
