import type { Sql } from '../data/index.ts';
import type { LiveApp } from '../runtime/live-app.ts';
import type { RealtimeChannel, RealtimeHub } from './hub.ts';

/**
 * The engine's own channel: one room per entity, `records`/`<Entity>`, which says that records
 * of the entity changed — never which ones nor how, since a notice goes to everyone who may
 * read the entity whatever their row policy. Dashboards listen to it to run their reports again.
 */
export const RECORDS_CHANNEL = 'records';
export const RECORDS_CHANGED = 'changed';

/** Anyone whose policy lets them read some rows of the entity may join its room. */
export function recordsChannel(live: () => LiveApp): RealtimeChannel {
  return {
    name: RECORDS_CHANNEL,
    async authorize(principal, room) {
      const app = live();
      const entity = app.entities.get(room);
      return entity !== undefined && app.policy.authorize(principal, entity, 'read').allowed;
    },
  };
}

export interface RecordNotices {
  /** Records of `entity` changed (committed); a notice follows within the interval. */
  changed(entity: string): void;
  /** Stops taking changes and waits for a notice being stored, so none outlives the database. */
  close(): Promise<void>;
}

/**
 * Coalesces committed writes into at most one stored notice per entity per `intervalMs`, so
 * that a bulk import or a busy counter costs one message a second, not one per row, and a
 * write itself never waits for realtime.
 */
export function createRecordNotices(options: {
  hub: RealtimeHub;
  sql: () => Sql;
  intervalMs: number;
  onError(error: unknown): void;
}): RecordNotices {
  const pending = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let closed = false;
  let flushing: Promise<void> | undefined;
  const flush = async () => {
    timer = undefined;
    const entities = [...pending];
    pending.clear();
    for (const entity of entities) {
      if (closed) return;
      const deliver = await options.hub.record(options.sql(), {
        channel: RECORDS_CHANNEL,
        room: entity,
        event: RECORDS_CHANGED,
        payload: { entity },
      });
      deliver();
    }
  };
  return {
    changed(entity) {
      if (closed) return;
      pending.add(entity);
      timer ??= setTimeout(() => {
        flushing = flush()
          .catch(options.onError)
          .finally(() => {
            flushing = undefined;
          });
      }, options.intervalMs);
      timer.unref?.();
    },
    async close() {
      closed = true;
      clearTimeout(timer);
      pending.clear();
      await flushing;
    },
  };
}
