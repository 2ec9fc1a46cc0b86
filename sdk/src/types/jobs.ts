import type { JsonSchema } from './common.ts';
import type { PluginContext } from './context.ts';

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
