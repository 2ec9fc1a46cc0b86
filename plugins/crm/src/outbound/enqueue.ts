import type { EventHandlerContribution, PluginContext, PluginEvent, RecordData } from '@kiban/sdk';
import { BOOKKEEPING_ENTITIES, ENTITY, SYSTEM } from '../entities.ts';
import { consentSourceFor } from './consent.ts';
import { queueDelivery } from './deliveries.ts';
import { isRecordEvent, outboundName, subscribed } from './event-name.ts';

export const DISPATCH_JOB = 'dispatch';

/**
 * Turns every event a connected system subscribed to into one queued delivery per system, in
 * the transaction that receives the event (so each event is queued once), and wakes the
 * dispatcher. An event about a resident is queued only for systems that resident consented
 * to (`ConsentSource`), keyed by how that system knows them, with the consented attributes as they are now.
 */
export const enqueueDeliveries: EventHandlerContribution = {
  event: '*',
  async handler(event, ctx) {
    if (event.entity && BOOKKEEPING_ENTITIES.has(event.entity)) return;
    const data = ctx.data(SYSTEM);
    const name = outboundName(event);
    const systems = (await data.list(ENTITY.system, { filter: { status: { eq: 'active' } }, limit: 200 })).filter(
      (system) => subscribed(system.events, name),
    );
    if (systems.length === 0) return;
    const subject = await subjectOf(event, ctx);
    if (!subject) return;
    const consent = consentSourceFor(ctx);
    for (const system of systems) {
      const systemId = String(system.id);
      const release = subject.resident ? await consent.release(subject.resident, system) : undefined;
      if (subject.resident && !release) continue;
      const queued = await queueDelivery(ctx, {
        systemId,
        eventId: event.id,
        eventType: name,
        // Kept in the CRM's own table only, to send one resident's deliveries in order.
        orderKey: subject.resident ?? subject.recordId ?? event.id,
        payload: {
          type: name,
          timestamp: event.at,
          data: {
            eventId: event.id,
            ...(event.entity
              ? { entity: event.entity, recordId: subject.recordId }
              : { event: withResidentKey(event.payload, release?.key) }),
            resident: release ? { id: release.key, ...release.attributes } : null,
          },
        },
      });
      if (queued?.wake) {
        await ctx.jobs.enqueue(DISPATCH_JOB, { systemId }, { key: `dispatch:${systemId}:${queued.id}` });
      }
    }
  },
};

/** A plugin event's payload as a system may see it: the resident named by their key there, not their principal id. */
function withResidentKey(payload: unknown, key: string | undefined): unknown {
  if (!payload || typeof payload !== 'object' || !('resident' in payload)) return payload;
  return { ...payload, resident: key ?? null };
}

interface Subject {
  resident?: string;
  recordId?: string;
}

/**
 * Whom an event is about. A record event: the record's `resident` field, else a profile's
 * `principal`, else its owner. A plugin event: its payload's `resident`. A deleted record can
 * no longer be read, so its event carries no resident and no attributes.
 */
async function subjectOf(event: PluginEvent, ctx: PluginContext): Promise<Subject | undefined> {
  if (isRecordEvent(event)) {
    const recordId = event.payload.id;
    if (event.type === 'record.deleted') return { recordId };
    const record = await readRecord(ctx, event.payload.entity, recordId);
    // Deleted again before the event arrived: whom it concerned is unknown, so nothing leaves.
    if (!record) return undefined;
    const resident = stringOf(record.resident) ?? stringOf(record.principal) ?? stringOf(record.owner);
    return { recordId, resident };
  }
  const payload = event.payload as Record<string, unknown> | null;
  return { resident: stringOf(payload?.resident) };
}

async function readRecord(ctx: PluginContext, entity: string, id: string): Promise<RecordData | undefined> {
  try {
    return await ctx.data(SYSTEM).get(entity, id);
  } catch {
    return undefined;
  }
}

function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
