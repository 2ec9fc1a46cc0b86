import type { Actor, AssuranceLevel, JsonSchema, LocalizedText, Logger } from './common.ts';
import type { DataApi, FilesApi } from './data.ts';
import type { DirectoryApi } from './directory.ts';
import type { EventBus, RealtimeApi } from './events.ts';
import type { IdentityApi } from './identity.ts';
import type { JobQueue } from './jobs.ts';
import type { MailApi } from './mail.ts';
import type { MetadataApi } from './metadata.ts';
import type { PluginsApi } from './plugins.ts';
import type { SegmentsApi, SqlApi } from './storage.ts';

/** What every hook and handler receives. */
export interface PluginContext {
  readonly plugin: { name: string; version: string };
  /** This plugin's configuration, from the engine configuration. */
  readonly config: Readonly<Record<string, unknown>>;
  readonly logger: Logger;
  readonly events: EventBus;
  readonly realtime: RealtimeApi;
  /** The data API acting as `actor`. */
  data(actor: Actor): DataApi;
  /** Runs `work` in one transaction; all data calls inside commit together or not at all. */
  transaction<T>(actor: Actor, work: (data: DataApi) => Promise<T>): Promise<T>;
  /** Files of records (file fields) acting as `actor`. */
  files(actor: Actor): FilesApi;
  /** This plugin's background jobs (declared in `jobs`). */
  readonly jobs: JobQueue;
  /**
   * This plugin's settings as administrators set them for this environment (declared in
   * `settings`), secrets decrypted; `{}` until set. Read them when needed rather than once at
   * start: administrators may change them while the engine runs.
   */
  settings<T = Record<string, unknown>>(): Promise<T>;
  /** What an identity plugin needs of the engine's principals (see `IdentityApi`). */
  readonly identity: IdentityApi;
  /** Staff to pick from, by department (see `DirectoryApi`). */
  readonly directory: DirectoryApi;
  /** SQL over this plugin's own tables (declared in `storage`). */
  readonly sql: SqlApi;
  /** The rule language as SQL to embed, and one-record checks. */
  readonly segments: SegmentsApi;
  /** Appends to the engine's append-only audit log, in the current transaction if one is open. */
  audit(entry: AuditEntryInput): Promise<void>;
  /** Other running plugins and their actions, called in process (see `PluginsApi`). */
  readonly plugins: PluginsApi;
  /** The published metadata, read only (see `MetadataApi`). */
  readonly metadata: MetadataApi;
  /** The engine's mail port: one email to given addresses (see `MailApi`). */
  readonly mail: MailApi;
}

export interface AuditEntryInput {
  /** Who acted: a principal, or the plugin's system principal for `{ kind: 'system' }`. */
  actor: Actor;
  /** Prefix it with the plugin's name, e.g. `payments.refund`. */
  action: string;
  entity?: string;
  recordId?: string;
  /** Names, ids and counts; never personal data itself (the trail must not copy it). */
  details?: Record<string, unknown>;
}

export interface ActionContext extends PluginContext {
  /** Who called the action. */
  readonly actor: Actor;
}

export interface ActionContribution<I = unknown, O = unknown> {
  /** Unique within the plugin; called as `<plugin>.<name>`. */
  name: string;
  label: LocalizedText;
  /** Validates the input before `handler` runs; invalid input never reaches it. */
  input: JsonSchema;
  /** Roles allowed to call it; empty means any signed-in principal. */
  roles?: string[];
  /**
   * Step-up: the least assurance the caller's session must have (`jpki` for a sensitive
   * action); a weaker one is refused with 403 `auth.stepUpRequired` naming the level needed.
   */
  assurance?: AssuranceLevel;
  handler(input: I, ctx: ActionContext): Promise<O>;
}
