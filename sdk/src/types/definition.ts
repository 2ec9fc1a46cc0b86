import type { Hono } from 'hono';
import type { Actor, JsonSchema, LocalizedText } from './common.ts';
import type { ActionContribution, PluginContext } from './context.ts';
import type { DelegationContribution } from './delegation.ts';
import type { EventHandlerContribution, RealtimeChannelContribution } from './events.ts';
import type { JobContribution, PluginSettings } from './jobs.ts';
import type { PluginStorage } from './storage.ts';
import type { RecordTimelineContribution } from './timelines.ts';
import type { PluginUi } from './ui.ts';

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
  /** Entries on the timeline of records (the resident 360's), read as the member of staff who opens it. */
  timelines?: RecordTimelineContribution[];
  /** Lets a principal act for another on the record API when the plugin's records allow it (a consented family link). */
  delegation?: DelegationContribution;
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

export interface PublicRoutes {
  /** At most `requests` per client address every `perSeconds`; more are answered 429 with Retry-After. */
  rateLimit: { requests: number; perSeconds: number };
  /**
   * `signedInActor(c)` tells who is signed in to Kiban in the calling browser (the session
   * cookie). An `Authorization` header is left to the route (a service's bearer or client
   * credentials), never taken as a Kiban sign-in here. `clientAddress(c)` is the caller's
   * address, the same one the rate limit counts.
   */
  routes(app: Hono, ctx: PluginContext): void;
}

/** Per-request values a plugin route can read with `c.get(...)`. */
export interface PluginHttpEnv {
  Variables: { actor: Actor };
}
