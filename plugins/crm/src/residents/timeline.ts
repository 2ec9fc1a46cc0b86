import type { EventHandlerContribution, PluginContext } from '@kiban/sdk';
import { ENTITY, SYSTEM } from '../entities.ts';

/** Entities whose records appear on a resident's timeline, one row each, kept at their latest state. */
const RECORD_SOURCES: Record<string, { kind: string; title: string; state: string }> = {
  [ENTITY.case]: { kind: 'record', title: 'subject', state: 'status' },
  [ENTITY.application]: { kind: 'record', title: 'title', state: 'status' },
};

/**
 * Keeps the timeline table: a row per case and per application in another system (updated as
 * it moves), and a row per event any plugin publishes with `{ resident, timeline: { title } }`
 * in its payload (a notice sent, a reservation made) — the contract by which other plugins'
 * contacts reach the resident 360 without the CRM knowing them.
 */
export const timelineRecords: EventHandlerContribution = {
  event: 'record.*',
  async handler(event, ctx) {
    const source = event.entity ? RECORD_SOURCES[event.entity] : undefined;
    if (!source || !event.entity) return;
    const id = (event.payload as { id: string }).id;
    if (event.type === 'record.deleted') {
      await ctx.sql.query(`delete from timeline_entry where entity = $1 and record_id = $2 and kind = 'record'`, [
        event.entity,
        id,
      ]);
      return;
    }
    const [record] = await ctx.data(SYSTEM).list(event.entity, { filter: { id: { eq: id } }, limit: 1 });
    const resident = record?.resident;
    if (!record || typeof resident !== 'string' || resident === '') {
      await ctx.sql.query(`delete from timeline_entry where entity = $1 and record_id = $2 and kind = 'record'`, [
        event.entity,
        id,
      ]);
      return;
    }
    await upsertRecordEntry(ctx, {
      resident,
      at: String(record.createdAt),
      entity: event.entity,
      recordId: id,
      title: String(record[source.title] ?? ''),
      state: record[source.state] === undefined ? null : String(record[source.state]),
    });
  },
};

export const timelineContributions: EventHandlerContribution = {
  event: '*',
  async handler(event, ctx) {
    const payload = event.payload as { resident?: unknown; timeline?: { title?: unknown; kind?: unknown } } | null;
    if (typeof payload?.resident !== 'string' || typeof payload.timeline?.title !== 'string') return;
    await ctx.sql.query(`insert into timeline_entry (resident, at, kind, source, title) values ($1, $2, $3, $4, $5)`, [
      payload.resident,
      event.at,
      String(payload.timeline.kind ?? 'contact').slice(0, 40),
      event.type,
      payload.timeline.title.slice(0, 200),
    ]);
  },
};

async function upsertRecordEntry(
  ctx: PluginContext,
  entry: { resident: string; at: string; entity: string; recordId: string; title: string; state: string | null },
): Promise<void> {
  await ctx.sql.query(
    `insert into timeline_entry (resident, at, kind, source, entity, record_id, title, state)
     values ($1, $2, 'record', 'crm', $3, $4, $5, $6)
     on conflict (entity, record_id) where kind = 'record'
     do update set resident = excluded.resident, title = excluded.title, state = excluded.state`,
    [entry.resident, entry.at, entry.entity, entry.recordId, entry.title, entry.state],
  );
}
