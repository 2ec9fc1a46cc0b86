/**
 * The contract between the engine and a plugin. A plugin imports only `@kiban/sdk`; the
 * engine's plugin host implements these interfaces.
 */
import type { Hono } from 'hono';
import type { PluginsApi } from './types/plugins.ts';

export type { PluginsApi } from './types/plugins.ts';

/** JSON Schema (draft 2020-12) as plain JSON. */
export type JsonSchema = Record<string, unknown>;

export interface LocalizedText {
  ja: string;
  en?: string;
}

/** Who an operation runs as. `system` is the plugin itself, with every permission, audited as the plugin. */
export type Actor =
  | {
      kind: 'principal';
      id: string;
      principalKind: 'staff' | 'resident' | 'system';
      roles: string[];
      /** How the session of this request was opened; absent for API tokens and calls not over HTTP. */
      signIn?: SignIn;
    }
  | { kind: 'system' };

/**
 * How sure Kiban is of who signed in, lowest first: `low` (a password, a social account),
 * `substantial` (a second factor, a passkey), `jpki` (公的個人認証: the My Number Card through
 * the national app, or gBizID for a business).
 */
export type AssuranceLevel = 'low' | 'substantial' | 'jpki';

/** The method a session was opened with (`password`, an upstream provider's id…) and its assurance. */
export interface SignIn {
  method: string;
  assurance: AssuranceLevel;
}

export type RecordData = Record<string, unknown>;
export type Filter = Record<
  string,
  Partial<Record<'eq' | 'ne' | 'lt' | 'lte' | 'gt' | 'gte' | 'in' | 'contains' | 'isNull', unknown>>
>;

export interface ListOptions {
  filter?: Filter;
  /** `-createdAt,name`. */
  sort?: string;
  /** 1–200, like the REST API's pages; 20 when absent. Page through more with `offset`. */
  limit?: number;
  offset?: number;
  fields?: string[];
}

/**
 * Records of published entities, under exactly the policies the REST API enforces for the
 * actor (role, row and field rules; audit). Inside `ctx.transaction` every call joins it.
 * The `system` actor passes every policy; it alone may set `owner` on create and update, to
 * write on a principal's behalf. `get(…, { forUpdate: true })` locks the row until the
 * transaction ends and is only allowed inside `ctx.transaction`.
 */
export interface DataApi {
  get(entity: string, id: string, options?: { forUpdate?: boolean }): Promise<RecordData>;
  list(entity: string, options?: ListOptions): Promise<RecordData[]>;
  count(entity: string, filter?: Filter): Promise<number>;
  create(entity: string, data: RecordData): Promise<RecordData>;
  update(entity: string, id: string, patch: RecordData, expectedVersion?: number): Promise<RecordData>;
  delete(entity: string, id: string, expectedVersion?: number): Promise<void>;
}

export interface Logger {
  debug(message: string, fields?: Record<string, unknown>): void;
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface PluginEvent<T = unknown> {
  /** `record.created`, `record.updated`, `record.deleted`, or `<plugin>.<name>` for plugin events. */
  type: string;
  id: string;
  at: string;
  /** The entity the event is about, when its payload names one (`payload.entity`: record and workflow events). */
  entity?: string;
  payload: T;
}

/** The payload of `record.created`, `record.updated` and `record.deleted`: which record, never its values. */
export interface RecordEventPayload {
  /** The entity, also given as `PluginEvent.entity`. */
  entity: string;
  id: string;
  /** The version written; null for a deletion. */
  version: number | null;
  /** Who wrote it. */
  actor: Actor;
  /** The plugin that wrote it, when a plugin did. */
  plugin?: string;
}

export interface EventBus {
  /**
   * Publishes `<plugin>.<type>` (a `type` already starting with `<plugin>.` is kept). Inside
   * `ctx.transaction` the event waits for the commit and is dropped on rollback.
   */
  publish(type: string, payload: unknown): Promise<void>;
}

/**
 * Messages to the browsers on a realtime channel. `channel` is one the plugin declares in
 * `realtime.channels` (its name, or `<plugin>.<name>`); only sockets that joined `room` of it
 * receive the message, as the socket event `kiban:message` with an increasing `id`. Inside
 * `ctx.transaction` (or an event handler) it is sent once the transaction commits and
 * dropped when it rolls back; the payload must be JSON.
 */
export interface RealtimeApi {
  emit(channel: string, room: string, event: string, payload?: unknown): Promise<void>;
}

/** A realtime channel a plugin declares; clients join `<plugin>.<name>` rooms through socket.io at `/realtime`. */
export interface RealtimeChannelContribution {
  /** kebab-case, unique within the plugin. */
  name: string;
  /**
   * Whether `actor` may receive the messages of `room` — a resident only their own rooms, say
   * (`actor.id === room`). Anything but `true` denies; a throw denies too.
   */
  authorize(join: { actor: Actor; room: string }, ctx: PluginContext): boolean | Promise<boolean>;
}

/** A file field's value: the stored file, its type as detected from its bytes, and its SHA-256 (hex). */
export interface FileInfo {
  id: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
}

/**
 * Files of records as `actor`, under the same checks as the REST API: attaching needs the
 * update permission on the record and a writable file field, and is held to the field's
 * `maxSize` and `accept` (the type is detected from the bytes); reading needs the record and
 * the field to be readable (a missing, unreadable or empty one is a 404 `file.notFound` or
 * `record.notFound`). Files are not transactional: these calls are refused inside
 * `ctx.transaction`.
 */
export interface FilesApi {
  /** Stores `content` as the field's file (replacing any earlier one) and answers its description. */
  attach(
    entity: string,
    id: string,
    field: string,
    file: { name: string; content: Uint8Array | AsyncIterable<Uint8Array> },
  ): Promise<FileInfo>;
  /** The field's file and its bytes as a stream. */
  read(entity: string, id: string, field: string): Promise<{ file: FileInfo; content: AsyncIterable<Uint8Array> }>;
  /** Clears the field; the bytes are removed shortly after. */
  remove(entity: string, id: string, field: string): Promise<void>;
  /** A download URL for the browser that works without a session for a few minutes. */
  signedUrl(entity: string, id: string, field: string): Promise<{ url: string; expiresAt: string }>;
}

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
  /** SQL over this plugin's own tables (declared in `storage`). */
  readonly sql: SqlApi;
  /** The rule language as SQL to embed, and one-record checks. */
  readonly segments: SegmentsApi;
  /** Appends to the engine's append-only audit log, in the current transaction if one is open. */
  audit(entry: AuditEntryInput): Promise<void>;
  /** Other running plugins and their actions, called in process (see `PluginsApi`). */
  readonly plugins: PluginsApi;
}

/**
 * The plugin's own tables, in the PostgreSQL schema `plugin_<name>` (the name in snake_case:
 * `plugin_notifications`, `plugin_knowledge_search`). Migrations are ordered and append-only:
 * at each start the engine applies the ones not applied yet, in order, in one transaction with
 * the install or upgrade hook, and records each id with the sha256 of its SQL. A start is
 * refused when an applied migration was edited, removed or moved, and when one fails (nothing
 * of that start is kept). Write plain DDL without a schema name: it runs with
 * `search_path = plugin_<name>, public`. A migration may hold several statements.
 */
export interface PluginStorage {
  migrations: PluginMigration[];
}

export interface PluginMigration {
  /** Unique within the plugin, e.g. `001-inbox`; never rename or edit one that was released. */
  id: string;
  sql: string;
}

/**
 * Parametrised SQL (`$1`, `$2` …, values always bound) with `search_path` set to the plugin's
 * schema, then `public` — only for the statement's transaction, so it never leaks. Inside
 * `ctx.transaction`, a job, an event handler or an install/upgrade hook it joins that
 * transaction and rolls back with it; elsewhere each call commits on its own. The schema is
 * the boundary: create and change only your own tables; read records through `ctx.data` (which
 * applies policies) or `ctx.segments.select`; the engine's `kiban_*` tables are off-limits.
 * The statement runs as the engine's database role, so this is a convention the review keeps,
 * not a wall the database enforces.
 */
export interface SqlApi {
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[]; rowCount: number }>;
}

/**
 * A rule: a rule object as in metadata (`{ kind: 'rule', name, label, entity, condition }`; the
 * `entity` must be the entity asked for) or `{ segment: '<published rule name>' }`.
 */
export type SegmentRule = Record<string, unknown> | { segment: string };

export interface SegmentSelectOptions {
  /** The column selected: the record `id` (default) or its `owner` principal id. */
  select?: 'id' | 'owner';
  /**
   * The number of the first placeholder (default 1): pass `n + 1` when the statement the
   * SELECT is embedded in already uses `$1 … $n`, then append `params` to yours.
   */
  paramOffset?: number;
}

export interface SegmentsApi {
  /**
   * The rule compiled to one SQL `SELECT` of the matching records of `entity`'s published table
   * (one column, `id` or `owner`), to embed in `INSERT … SELECT` or `… WHERE x IN (…)`. It is
   * evaluated as the system: every record counts, whatever any person may read. Refused with a
   * `PluginError` `segment.invalid` (422) or `segment.notFound` (404).
   */
  select(
    entity: string,
    rule: SegmentRule,
    options?: SegmentSelectOptions,
  ): Promise<{ text: string; params: unknown[] }>;
  /** Whether the record `id` of `entity` matches (the one-subject interpreter); false when it does not exist. */
  matches(entity: string, id: string, rule: SegmentRule): Promise<boolean>;
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

/** A principal's own profile, as the person keeps it in the portal (`GET /api/profile`). */
export interface PrincipalProfile {
  displayName: string | null;
  displayNameKana: string | null;
  email: string | null;
  phone: string | null;
  postalCode: string | null;
  address: string | null;
}

/**
 * The engine's principals as an identity plugin (an OpenID Provider, say) needs them. Every
 * read is recorded in the audit trail as the plugin's, with `purpose`: a profile is personal data.
 */
export interface IdentityApi {
  /**
   * The profile of an enabled principal, for a release the person consented to (an OpenID
   * Provider answering a service's userinfo request); null when there is no such principal.
   */
  profile(
    principalId: string,
    purpose: { action: string; details?: Record<string, unknown> },
  ): Promise<PrincipalProfile | null>;
  /** The id of the enabled resident with this username (compared as sign-in compares it); null otherwise. */
  residentIdByUsername(username: string): Promise<string | null>;
  /**
   * The principal with this username, created (enabled, without a password) when there is none.
   * With `roles`/`department` an existing principal's roles and department are set to them (a
   * staff directory's groups, mapped at each sign-in). Audited as the plugin's.
   */
  ensurePrincipal(input: {
    kind: 'resident' | 'staff';
    username: string;
    displayName?: string;
    roles?: string[];
    department?: string;
  }): Promise<{ id: string; created: boolean }>;
  /**
   * Opens a Kiban session for an enabled principal, recording how they signed in (audited as a
   * `login`). Answers the token for the session cookie `cookieName` (HttpOnly, SameSite=Lax,
   * path /), which the plugin sets on its response; the engine keeps only its digest.
   */
  startSession(
    principalId: string,
    signIn: SignIn,
    options: { ttlSeconds: number },
  ): Promise<{ cookieName: string; token: string }>;
}

/**
 * Settings administrators set per environment (API keys, endpoints, rate limits), checked
 * against `schema` before they are stored. A top-level property with `writeOnly: true` is a
 * secret: encrypted at rest, never returned by the API, logged or exported.
 */
export interface PluginSettings {
  /** JSON Schema of an object. */
  schema: JsonSchema;
}

export interface EnqueueOptions {
  /** Not before this time; now when absent. */
  at?: Date;
  /** Idempotency key: a second enqueue of the same job with the same key is a no-op while the first is kept. */
  key?: string;
}

export interface JobQueue {
  /**
   * Stores one run of the job `name` (declared in this plugin's `jobs`) with `payload`. Inside
   * `ctx.transaction` or a handler it commits with that transaction and is dropped on rollback.
   * Resolves to whether a job was stored (false when `key` was already used).
   */
  enqueue(name: string, payload?: unknown, options?: EnqueueOptions): Promise<boolean>;
}

export interface JobContext extends PluginContext {
  readonly job: { id: string; name: string; attempt: number };
}

/**
 * Background work stored in the database. A job runs at least once and is applied once: the
 * handler runs in a transaction with the job's completion, which its `ctx.data`,
 * `ctx.transaction`, `ctx.events.publish` and `ctx.jobs.enqueue` calls join. When it throws,
 * all of that rolls back and the job is tried again after a back-off (work outside the
 * database, such as a call to another service, may therefore run more than once: pass the job
 * id along as an idempotency key); after `maxAttempts`
 * failures it lands in the dead-letter list, from where an administrator can retry it.
 * With `every` or `cron` it also runs on that schedule (one row per job, shared by all
 * engine processes, so each occurrence runs once).
 */
export interface JobContribution<P = unknown> {
  /** Unique within the plugin; stored as `<plugin>.<name>`. */
  name: string;
  /** A fixed interval: `30s`, `5m`, `2h`, `1d`. */
  every?: string;
  /** A cron expression (5 or 6 fields), in the city's time zone. */
  cron?: string;
  /** Failures before the job is dead-lettered; 5 when absent. */
  maxAttempts?: number;
  handler(payload: P, ctx: JobContext): Promise<void>;
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

/**
 * Events reach a handler at least once, after the write that produced them committed, and it
 * applies each once: it runs in a transaction with its receipt, which its `ctx.data` and
 * `ctx.transaction` calls and `ctx.events.publish` join. When it throws, all of that rolls back
 * and the event comes again after a back-off. A handler is known by its plugin and its position
 * in `events`: keep the order when adding handlers.
 */
export interface EventHandlerContribution {
  /** Event type, or a prefix ending in `*` (`record.*`). */
  event: string;
  /** Only events of this entity (record events). */
  entity?: string;
  handler(event: PluginEvent, ctx: PluginContext): Promise<void>;
}

/** A field type a plugin adds to the metadata language: stored as `base`, constrained by `schema`. */
export interface FieldTypeContribution {
  /** Used in metadata as `<plugin>.<name>`, e.g. `reservations.timeSlot`. */
  name: string;
  label: LocalizedText;
  /** The built-in type whose column it uses. */
  base: 'string' | 'text' | 'integer' | 'decimal' | 'boolean' | 'date' | 'datetime' | 'json';
  /**
   * Extra JSON Schema every non-null value must satisfy, on top of the base type's schema (in
   * the browser and on the server); it must not contradict the base type.
   */
  schema: JsonSchema;
  /**
   * How a typed value is normalised before it is checked and stored, on the server and in the
   * browser's form alike: `nfkc` (full-width digits and letters to ASCII), `trim`, `katakana`
   * or `hiragana` (kana forms), `postalCode` (seven digits), `phone` (Japanese national form).
   */
  normalize?: Array<'nfkc' | 'trim' | 'katakana' | 'hiragana' | 'postalCode' | 'phone'>;
  /**
   * What to tell a person whose value does not satisfy `schema`, e.g. 「09:00-10:00 の形で入力してください。」,
   * instead of showing them the schema's raw pattern.
   */
  message?: LocalizedText;
  /** Custom element tag that renders an input for it in runtime-ui. */
  tag?: string;
}

export interface PluginDefinition {
  /** kebab-case, unique; routes mount under `/api/plugins/<name>`. */
  name: string;
  /** semver */
  version: string;
  requires?: {
    /** semver range of the engine. */
    engine?: string;
    /** Other plugins and the semver range of each. */
    plugins?: Record<string, string>;
  };
  /** Directories of metadata the plugin ships (entities, forms, views, roles), absolute paths. */
  metadata?: string[];
  fieldTypes?: FieldTypeContribution[];
  actions?: ActionContribution[];
  events?: EventHandlerContribution[];
  /** Realtime channels browsers may join; `ctx.realtime.emit` sends on them. */
  realtime?: { channels: RealtimeChannelContribution[] };
  /** Scheduled and enqueued background jobs. */
  jobs?: JobContribution[];
  /** Settings administrators set per environment; the plugin reads them with `ctx.settings()`. */
  settings?: PluginSettings;
  /** The plugin's own tables; it reads and writes them with `ctx.sql`. */
  storage?: PluginStorage;
  /** Browser code for the portals: the custom elements of field widgets (`fieldTypes[].tag`) and page components. */
  ui?: PluginUi;
  /**
   * Routes anyone may call without signing in (an OpenID discovery document, a webhook
   * receiver), mounted under `/api/public/<name>`. They carry no actor: check what a caller
   * sends (a webhook's signature) yourself, and act as `{ kind: 'system' }` only after that.
   */
  publicRoutes?: PublicRoutes;
  /** Commands the plugin adds to the `kiban` command line (`kiban <name> …`). */
  cli?: CliCommandContribution[];
  /** HTTP routes, mounted under `/api/plugins/<name>`; requests carry the signed-in actor. */
  routes?(app: Hono<PluginHttpEnv>, ctx: PluginContext): void;
  /** Runs once, the first time this plugin is installed. */
  install?(ctx: PluginContext): Promise<void>;
  /** Runs once per new version, with the version installed before. */
  upgrade?(ctx: PluginContext, fromVersion: string): Promise<void>;
  start?(ctx: PluginContext): Promise<void>;
  stop?(ctx: PluginContext): Promise<void>;
}

/**
 * A command of the `kiban` command line, e.g. `kiban kb import FILE`. The engine opens for the
 * command (as for `kiban jobs`) and calls `run` with the arguments after the name; a thrown
 * error is printed as one line and the command exits with status 1. Output goes to stdout.
 * The engine's own commands (`serve`, `package`…) win over a plugin's of the same name.
 */
export interface CliCommandContribution {
  /** kebab-case, unique among all loaded plugins. */
  name: string;
  /** One line for `kiban help`: the arguments and what it does. */
  summary: string;
  run(args: string[], ctx: PluginContext): Promise<void>;
}

/**
 * The plugin's browser code. The engine serves `dir` under `/ui/plugins/<name>/`, and the
 * portals import `entry` once signed in — before drawing a form with one of the plugin's field
 * types or a page with one of its components. The module defines the custom elements; field
 * widgets receive what `runtime-ui`'s `FieldWidgetElement` describes.
 */
export interface PluginUi {
  /** Directory of the built browser files, an absolute path. */
  dir: string;
  /** The ES module inside `dir` that defines the elements, e.g. `index.js`. */
  entry: string;
  /** Tags of page components for page layouts (`{ "type": "component", "tag": … }`). */
  components?: string[];
  /** Pages of the staff portal (an operator console, a ledger view), each one of the plugin's elements. */
  staffPages?: StaffPageContribution[];
  /** Panels on the staff detail view of records (a resident's 360° view shows one per plugin). */
  recordPanels?: RecordPanelContribution[];
}

/**
 * A staff portal page drawn by the plugin's element `tag`, at `/staff/plugins/<plugin>/<name>`,
 * with a menu entry. With `capability`, only staff whose roles grant it (and administrators)
 * see the entry and may open the page; the plugin's own routes must check again on the server.
 * The element receives `language`, `calendar` and `principal` properties.
 */
export interface StaffPageContribution {
  /** kebab-case, unique within the plugin: the last segment of the page's path. */
  name: string;
  label: LocalizedText;
  tag: string;
  capability?: string;
  /** Position in the staff menu among the plugin pages (lower first). */
  menuOrder?: number;
}

/**
 * A panel on the staff detail view of each entity in `entities`, under the record: the element
 * `tag` receives `entity`, `recordId`, `language`, `calendar` and `principal`, and reads what
 * it shows through the API (so the record's policies apply). Gated by `capability` like pages.
 */
export interface RecordPanelContribution {
  name: string;
  label: LocalizedText;
  tag: string;
  entities: string[];
  capability?: string;
}

export interface PublicRoutes {
  /** At most `requests` per client address every `perSeconds`; more are answered 429 with Retry-After. */
  rateLimit: { requests: number; perSeconds: number };
  /**
   * `signedInActor(c)` tells who is signed in to Kiban in the calling browser (the session
   * cookie). An `Authorization` header is left to the route (a service's bearer or client
   * credentials), never taken as a Kiban sign-in here.
   */
  routes(app: Hono, ctx: PluginContext): void;
}

/** Per-request values a plugin route can read with `c.get(...)`. */
export interface PluginHttpEnv {
  Variables: { actor: Actor };
}
