import type { Actor, PluginContext, RecordData, RecordTimeline } from '@kiban/sdk';
import { ENTITY, ROLE } from '../entities.ts';
import { crmError } from '../errors.ts';
import type { AttributeSource, PulledAttributes } from './attribute-source.ts';
import { OPEN_REASONS } from './open-reasons.ts';

export const MAX_TIMELINE = 500;

interface TimelineRow {
  id: string;
  at: Date | string;
  kind: string;
  source: string;
  entity: string | null;
  record_id: string | null;
  title: string;
  state: string | null;
}

export interface TimelineEntry {
  id: string;
  at: string;
  kind: string;
  source: string;
  entity: string | null;
  recordId: string | null;
  title: string;
  state: string | null;
}

export interface Resident360 {
  reason: string;
  profile: RecordData;
  /** The CRM's own rows and every plugin's contributed entries, newest first. */
  timeline: TimelineEntry[];
  /** The plugins asked for entries, and whether each answered this reader (`read`) or refused them. */
  timelineSources: RecordTimeline['sources'];
  /** Attributes held by the identity plugin, only as far as the resident consented. */
  attributes: PulledAttributes;
}

/**
 * One resident's profile and timeline for a member of staff. The reason is required and the
 * open is audited (`crm.resident360.opened`, with the reason) in the same transaction as the
 * profile's read; the profile is read under the caller's policies, and a timeline row about a
 * record shows only when the caller may read that record.
 */
export async function openResident360(
  ctx: PluginContext,
  actor: Actor,
  principal: string,
  reason: string | undefined,
  attributeSource: AttributeSource,
  options: { limit?: number; language?: 'ja' | 'en' } = {},
): Promise<Resident360> {
  const limit = Math.min(Math.max(options.limit ?? MAX_TIMELINE, 1), MAX_TIMELINE);
  if (actor.kind !== 'principal' || !(actor.roles.includes(ROLE.staff) || actor.roles.includes(ROLE.manager))) {
    throw crmError('forbidden', 403, 'この操作の権限がありません。', 'Only case staff open a resident 360.');
  }
  if (!reason || !Object.hasOwn(OPEN_REASONS, reason)) {
    throw crmError(
      'resident360.reasonRequired',
      400,
      '閲覧の理由を選んでください。',
      'Choose why you open this profile.',
      [
        {
          pointer: '/reason',
          code: 'crm.resident360.reason',
          message: {
            ja: `次のいずれか: ${Object.keys(OPEN_REASONS).join(', ')}`,
            en: `One of ${Object.keys(OPEN_REASONS).join(', ')}`,
          },
        },
      ],
    );
  }
  // The timeline (its record rows checked under the caller's policies) and the other plugins'
  // entries (each read as the caller and audited by its plugin) are read on their own
  // connections beside the audited profile; the identity plugin releases the consented
  // attributes (and audits that) only after the open was audited. Nothing leaves before it was.
  const [{ profile, attributes }, own, contributed] = await Promise.all([
    auditedProfile(ctx, actor, principal, reason).then(async (read) => ({
      profile: read,
      attributes: await attributeSource.pull(principal),
    })),
    readableTimeline(ctx, actor, principal, limit),
    ctx.plugins.timeline(
      { entity: ENTITY.profile, resident: principal, limit, language: options.language ?? 'ja' },
      actor,
    ),
  ]);
  const timeline = [...own, ...contributed.entries.map(contributedEntry)]
    .sort((a, b) => Date.parse(b.at) - Date.parse(a.at))
    .slice(0, limit);
  return { reason, profile, timeline, timelineSources: contributed.sources, attributes };
}

/** The profile read and its open audited (`crm.resident360.opened`, with the reason) in one transaction. */
function auditedProfile(ctx: PluginContext, actor: Actor, principal: string, reason: string): Promise<RecordData> {
  return ctx.transaction(actor, async (data) => {
    const [profile] = await data.list(ENTITY.profile, { filter: { principal: { eq: principal } }, limit: 1 });
    if (!profile) throw crmError('resident.notFound', 404, '住民が見つかりません。', 'No such resident.');
    await ctx.audit({
      actor,
      action: 'crm.resident360.opened',
      entity: ENTITY.profile,
      recordId: String(profile.id),
      details: { reason },
    });
    return profile;
  });
}

/** The newest timeline rows; a row about a record shows only when the caller may read that record. */
async function readableTimeline(
  ctx: PluginContext,
  actor: Actor,
  principal: string,
  limit: number,
): Promise<TimelineEntry[]> {
  const { rows } = await ctx.sql.query<TimelineRow>(
    `select id, at, kind, source, entity, record_id, title, state from timeline_entry
      where resident = $1 order by at desc, id limit $2`,
    [principal, limit],
  );
  const readable = await readableRecords(ctx, actor, rows);
  return rows
    .filter((row) => !row.entity || !row.record_id || readable.get(row.entity)?.has(row.record_id))
    .map(toEntry);
}

/** Of the records the rows name, those the actor may read, by entity (one query per 200 ids). */
async function readableRecords(
  ctx: PluginContext,
  actor: Actor,
  rows: TimelineRow[],
): Promise<Map<string, Set<string>>> {
  const wanted = new Map<string, string[]>();
  for (const row of rows) {
    if (!row.entity || !row.record_id) continue;
    wanted.set(row.entity, [...(wanted.get(row.entity) ?? []), row.record_id]);
  }
  const readable = new Map<string, Set<string>>();
  for (const [entity, ids] of wanted) {
    const seen = new Set<string>();
    for (let start = 0; start < ids.length; start += 200) {
      try {
        const page = await ctx
          .data(actor)
          .list(entity, { filter: { id: { in: ids.slice(start, start + 200) } }, fields: ['id'], limit: 200 });
        for (const record of page) seen.add(String(record.id));
      } catch {
        // No read permission on the entity at all: none of its rows show.
        break;
      }
    }
    readable.set(entity, seen);
  }
  return readable;
}

/** Another plugin's entry: its source is `<plugin>.<contribution>`, its id unique within it. */
function contributedEntry(entry: RecordTimeline['entries'][number]): TimelineEntry {
  return {
    id: `${entry.source}:${entry.id}`,
    at: entry.at,
    kind: entry.kind,
    source: entry.source,
    entity: null,
    recordId: null,
    title: entry.title,
    state: entry.state ?? null,
  };
}

function toEntry(row: TimelineRow): TimelineEntry {
  return {
    id: row.id,
    at: row.at instanceof Date ? row.at.toISOString() : new Date(row.at).toISOString(),
    kind: row.kind,
    source: row.source,
    entity: row.entity,
    recordId: row.record_id,
    title: row.title,
    state: row.state,
  };
}
