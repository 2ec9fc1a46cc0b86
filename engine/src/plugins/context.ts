import type { ActionContext, Actor, Logger, PluginContext, PluginDefinition, PluginEvent } from '@kiban/sdk';
import type { Principal } from '../access/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import { createDataApi, type DataApiDeps } from './data-api.ts';
import { newEvent } from './events.ts';
import type { LoadedPlugin } from './load.ts';
import { createPluginLogger, type LogSink } from './logger.ts';
import { currentTransaction, inPluginTransaction } from './transaction-context.ts';

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
  deliver(events: PluginEvent[]): void;
  config: Readonly<Record<string, unknown>>;
  log: LogSink;
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
        async publish(type, payload) {
          const event = newEvent(type.startsWith(`${name}.`) ? type : `${name}.${type}`, payload);
          const transaction = currentTransaction();
          if (transaction) transaction.pending.push(event);
          else deps.deliver([event]);
        },
      },
      data: (actor) => createDataApi(dataDeps, actor),
      transaction: (actor, work) =>
        inPluginTransaction(deps.live, deps.deliver, () => work(createDataApi(dataDeps, actor))),
    },
  };
  const dataDeps: DataApiDeps = {
    plugin: name,
    live: deps.live,
    deliver: deps.deliver,
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
