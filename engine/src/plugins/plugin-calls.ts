import { type ActionDescription, type Actor, isPluginError, PluginError, type PluginsApi } from '@kiban/sdk';
import { KibanError } from '../errors.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import { callRefusalAudit, checkCaller, checkInput, type RegisteredAction } from './actions.ts';
import { actionContext, type PluginRuntime } from './context.ts';
import { readRecordTimeline } from './record-timelines.ts';
import { recordRefusal } from './refusal-audit.ts';
import { currentTransaction } from './transaction-context.ts';

export interface PluginCallDeps {
  /** The calling plugin, named in the audit of refusals. */
  caller: string;
  live(): LiveApp;
  /** The plugins loaded in this engine. */
  loaded(): ReadonlySet<string>;
  /** Every action by `<plugin>.<action>`, known once the host registered them. */
  actions(): ReadonlyMap<string, RegisteredAction>;
  /** The loaded plugins' runtimes, for their timeline contributions. */
  runtimes(): readonly PluginRuntime[];
}

/**
 * `ctx.plugins`: another plugin's actions in process, with the checks of
 * `POST /api/actions/<plugin>.<action>` (see `PluginsApi` for the contract). The call joins
 * the transaction it is made in, if any, because the handler's own calls find it there.
 */
export function createPluginsApi(deps: PluginCallDeps): PluginsApi {
  return {
    has: (name) => deps.loaded().has(name),
    describe(plugin, action) {
      const name = `${plugin}.${action}`;
      const registered = deps.loaded().has(plugin) ? deps.actions().get(name) : undefined;
      if (!registered) return undefined;
      const { label, input, roles } = registered.action;
      return asJson({ name, label, input, roles: roles ?? [] }) as ActionDescription;
    },
    async call<T>(plugin: string, action: string, input: unknown, actor: Actor): Promise<T> {
      if (!deps.loaded().has(plugin)) throw notRunning(plugin);
      const name = `${plugin}.${action}`;
      const registered = deps.actions().get(name);
      if (!registered) throw unknownAction(plugin, action);
      try {
        await authorize(deps, registered, name, actor);
        const checked = checkInput(registered, asJson(input ?? {}));
        const result = await registered.action.handler(checked, actionContext(registered.runtime.context, actor));
        return asJson(result ?? null) as T;
      } catch (error) {
        throw asPluginError(error);
      }
    },
    timeline: (request, actor) => readRecordTimeline(deps.runtimes(), request, actor),
  };
}

/** The system actor passes, as it passes every policy; a principal must be allowed as over HTTP, and a refusal is audited. */
async function authorize(deps: PluginCallDeps, registered: RegisteredAction, name: string, actor: Actor) {
  if (actor.kind === 'system') return;
  const caller = { id: actor.id, kind: actor.principalKind, roles: actor.roles, signIn: actor.signIn };
  const transaction = currentTransaction();
  const live = transaction?.live ?? deps.live();
  try {
    checkCaller(live, caller, registered, name);
  } catch (error) {
    const entry = callRefusalAudit(error, { principal: caller, method: 'ctx.plugins.call', plugin: deps.caller }, name);
    if (entry) await recordRefusal(entry, transaction ?? { live });
    throw error;
  }
}

/** What crosses the HTTP route crosses as JSON: no shared objects, dates as strings, no undefined. */
function asJson(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value));
}

/** The engine's structured errors reach the calling plugin as `PluginError`s with the same code, status and details. */
function asPluginError(error: unknown): unknown {
  if (isPluginError(error) || !(error instanceof KibanError)) return error;
  return new PluginError(error.code, error.status, error.localized, error.details);
}

function notRunning(plugin: string): PluginError {
  return new PluginError('plugin.notRunning', 503, {
    ja: `プラグイン「${plugin}」は動いていません。`,
    en: `The plugin "${plugin}" is not running.`,
  });
}

function unknownAction(plugin: string, action: string): PluginError {
  return new PluginError('plugin.unknownAction', 404, {
    ja: `プラグイン「${plugin}」にアクション「${action}」はありません。`,
    en: `The plugin "${plugin}" has no action "${action}".`,
  });
}
