import type { RecordEventPayload } from '@kiban/sdk';
import type { EntityManager } from '@mikro-orm/postgresql';
import { type AuditInput, auditRecordset, INSERT_AUDITS_FROM_JSON, recordAudits } from '../access/index.ts';
import { type Sql, sqlOf } from '../data/index.ts';
import { appendEvents, eventRecordset, INSERT_EVENTS_FROM_JSON, type NewEvent } from '../events/index.ts';
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

/**
 * Audit entries and events in one statement: both are appends that return nothing, and a
 * statement fewer is a round trip fewer for every write.
 */
export async function appendAuditsAndEvents(
  sql: Sql,
  audits: readonly AuditInput[],
  events: readonly NewEvent[],
): Promise<void> {
  if (audits.length === 0) return appendEvents(sql, events);
  if (events.length === 0) return recordAudits(sql, audits);
  // A data-modifying WITH runs whether or not the statement reads it.
  await sql.run(`with audits as (${INSERT_AUDITS_FROM_JSON}) ${INSERT_EVENTS_FROM_JSON}`, [
    auditRecordset(audits),
    eventRecordset(events),
  ]);
}

/** Appends the write's event to the outbox, in the write's transaction: no write without its event, no event without its write. */
export const appendRecordEvent: RecordWrittenListener = Object.assign(
  (em: EntityManager, change: RecordChange) => appendEvents(sqlOf(em), [recordEvent(change)]),
  {
    many: (em: EntityManager, changes: readonly RecordChange[]) => appendEvents(sqlOf(em), changes.map(recordEvent)),
    audited: (em: EntityManager, changes: readonly RecordChange[], audits: readonly AuditInput[]) =>
      appendAuditsAndEvents(sqlOf(em), audits, changes.map(recordEvent)),
  },
);

/**
 * One listener that runs each of `listeners` in turn, in the write's transaction; for several
 * writes at once, each listener handles all of them (in one go where it can) before the next.
 * The writes' audit entries go first, with the first listener's rows when it can take them.
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
  const audited = async (
    em: EntityManager,
    changes: readonly RecordChange[],
    audits: readonly AuditInput[],
    live: LiveApp,
  ) => {
    const [first, ...rest] = listeners;
    if (first?.audited) await first.audited(em, changes, audits, live);
    else {
      await recordAudits(sqlOf(em), audits);
      if (first) await all(first, em, changes, live);
    }
    for (const listener of rest) await all(listener, em, changes, live);
  };
  return Object.assign(one, { many, audited });
}
