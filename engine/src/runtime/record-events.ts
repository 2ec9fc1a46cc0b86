import type { RecordEventPayload } from '@kiban/sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sqlOf } from '../data/index.ts';
import { appendEvents, type NewEvent } from '../events/index.ts';
import { actorOf } from '../plugins/index.ts';
import type { RecordChange, RecordWrittenListener } from '../records/index.ts';
import type { LiveApp } from './live-app.ts';

/** `record.created|updated|deleted` of a write: which record and who wrote it, never the values. */
function recordEvent(change: RecordChange): NewEvent {
  const payload: RecordEventPayload = {
    entity: change.entity,
    id: change.id,
    version: change.version,
    actor: change.plugin?.system ? { kind: 'system' } : actorOf(change.principal),
  };
  if (change.plugin) payload.plugin = change.plugin.name;
  return { type: `record.${change.action}`, payload };
}

/** Appends the write's event to the outbox, in the write's transaction: no write without its event, no event without its write. */
export const appendRecordEvent: RecordWrittenListener = Object.assign(
  (em: EntityManager, change: RecordChange) => appendEvents(sqlOf(em), [recordEvent(change)]),
  { many: (em: EntityManager, changes: readonly RecordChange[]) => appendEvents(sqlOf(em), changes.map(recordEvent)) },
);

/**
 * One listener that runs each of `listeners` in turn, in the write's transaction; for several
 * writes at once, each listener handles all of them (in one go where it can) before the next.
 */
export function inOrder(listeners: readonly RecordWrittenListener[]): RecordWrittenListener {
  const one = async (em: EntityManager, change: RecordChange, live: LiveApp) => {
    for (const listener of listeners) await listener(em, change, live);
  };
  const many = async (em: EntityManager, changes: readonly RecordChange[], live: LiveApp) => {
    for (const listener of listeners) {
      if (listener.many) await listener.many(em, changes, live);
      else for (const change of changes) await listener(em, change, live);
    }
  };
  return Object.assign(one, { many });
}
