import type { Actor, JsonSchema, LocalizedText } from './common.ts';
import type { RecordTimeline, RecordTimelineRequest } from './timelines.ts';

/**
 * Other plugins running in the same engine, and their actions called in process.
 *
 * `call` behaves as `POST /api/actions/<plugin>.<action>` does for `actor`: the actor must hold
 * one of the action's roles (any principal when it names none; the `system` actor passes, and
 * the called action then acts as its own plugin's system), its session must meet the action's
 * `assurance`, and the input must satisfy the action's schema — the handler never sees a
 * refused call. Refusals are `PluginError`s with the codes and statuses the HTTP route answers
 * (`access.denied` 403, put on the audit trail naming the calling plugin;
 * `auth.stepUpRequired` 403; `action.invalidInput` 422 with a detail per bad value), and so are
 * the called action's own structured errors; an action that does not exist is
 * `plugin.unknownAction` (404) and a plugin not loaded in this engine `plugin.notRunning` (503).
 * Input and answer cross as JSON, exactly as over HTTP.
 *
 * Transactions: a call made outside any transaction runs like the HTTP route (the action opens
 * its own). A call made inside `ctx.transaction`, a job or an event handler joins that
 * transaction — as an action run by a workflow transition joins the transition's — so its
 * writes commit or roll back with the caller's; a second transaction would wait forever on
 * PGlite's single connection, and could deadlock on the caller's locks on PostgreSQL.
 */
export interface PluginsApi {
  /** Whether the plugin `name` is loaded in this engine, so that `call` can reach it. */
  has(name: string): boolean;
  /**
   * What an action of a loaded plugin takes, as `call` checks it: its label, its input's JSON
   * Schema and the roles allowed to call it; `undefined` when it (or the plugin) is not there.
   * For offering actions to others (as tools to an agent), never for skipping `call`'s checks.
   */
  describe(plugin: string, action: string): ActionDescription | undefined;
  call<T = unknown>(plugin: string, action: string, input: unknown, actor: Actor): Promise<T>;
  /**
   * Every loaded plugin's `timelines` entries about a record of `request.entity`, each
   * contribution read concurrently as `actor` (joining the transaction the call is made in, if
   * any, as `call` does). A contribution that refuses the actor (403) or fails is named in
   * `sources` and contributes nothing; the others still answer.
   */
  timeline(request: RecordTimelineRequest, actor: Actor): Promise<RecordTimeline>;
}

/** An action as `PluginsApi.describe` tells it. */
export interface ActionDescription {
  /** `<plugin>.<action>` */
  name: string;
  label: LocalizedText;
  input: JsonSchema;
  /** Empty: any signed-in principal. */
  roles: string[];
}
