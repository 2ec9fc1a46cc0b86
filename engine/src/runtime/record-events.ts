import type { RecordEventPayload } from '@kiban/sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { sqlOf } from '../data/index.ts';
import { appendEvents, insertEventsStatement, type NewEvent } from '../events/index.ts';
import { actorOf } from '../plugins/index.ts';
import type { RecordChange, RecordWrittenListener, StagedWork } from '../records/index.ts';
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
  {
    many: (em: EntityManager, changes: readonly RecordChange[]) => appendEvents(sqlOf(em), changes.map(recordEvent)),
    // The events are all this listener writes: appends alone, nothing after them.
    staged: (changes: readonly RecordChange[]): StagedWork => ({
      appends: [insertEventsStatement(changes.map(recordEvent))],
      after: async () => {},
    }),
  },
);

/**
 * One listener that runs each of `listeners` in turn, in the write's transaction; for several
 * writes at once, each listener handles all of them (in one go where it can) before the next.
 * Staged, the first listener's appends go with the writes' audit entries and the rest follow.
 */
export function inOrder(listeners: readonly RecordWrittenListener[]): RecordWrittenListener {
  const one = async (em: EntityManager, change: RecordChange, live: LiveApp) => {
    for (const listener of listeners) await listener(em, change, live);
  };
  const all = async (
    listener: RecordWrittenListener,
    em: EntityManager,
    changes: readonly RecordChange[],
    live: LiveApp,
  ) => {
    if (listener.many) await listener.many(em, changes, live);
    else for (const change of changes) await listener(em, change, live);
  };
  const many = async (em: EntityManager, changes: readonly RecordChange[], live: LiveApp) => {
    for (const listener of listeners) await all(listener, em, changes, live);
  };
  const staged = (changes: readonly RecordChange[], live: LiveApp): StagedWork => {
    const [first, ...rest] = listeners;
    const head = first?.staged?.(changes, live);
    const remaining = head || !first ? rest : listeners;
    return {
      appends: head?.appends ?? [],
      after: async (em) => {
        await head?.after(em);
        for (const listener of remaining) await all(listener, em, changes, live);
      },
    };
  };
  return Object.assign(one, { many, staged });
}
