import type { RecordEventPayload } from '@kiban/sdk';
import { sqlOf } from '../data/index.ts';
import { appendEvents, type NewEvent } from '../events/index.ts';
import { actorOf } from '../plugins/index.ts';
import type { RecordChange, RecordWrittenListener } from '../records/index.ts';

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
export const appendRecordEvent: RecordWrittenListener = (em, change) => appendEvents(sqlOf(em), [recordEvent(change)]);

/** One listener that runs each of `listeners` in turn, in the write's transaction. */
export function inOrder(listeners: readonly RecordWrittenListener[]): RecordWrittenListener {
  return async (em, change, live) => {
    for (const listener of listeners) await listener(em, change, live);
  };
}
