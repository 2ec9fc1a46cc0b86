import type { ActionContext, ActionContribution, DataApi, RecordData } from '@kiban/sdk';
import { ENTITY, ROLE, SYSTEM } from '../entities.ts';
import { crmError } from '../errors.ts';

const PRINCIPAL = { type: 'string', minLength: 1, maxLength: 64 };

/** Records that name a resident, and the fields that do. */
const RESIDENT_FIELDS: Array<{ entity: string; field: string; owner: boolean }> = [
  { entity: ENTITY.case, field: 'resident', owner: true },
  { entity: ENTITY.application, field: 'resident', owner: true },
];

interface Moved {
  records: Array<{ entity: string; id: string; owner: unknown }>;
  timeline: string[];
}

async function profileOf(data: DataApi, principal: string): Promise<RecordData> {
  const [found] = await data.list(ENTITY.profile, { filter: { principal: { eq: principal } }, limit: 1 });
  if (!found) throw crmError('resident.notFound', 404, '住民が見つかりません。', `No resident ${principal}.`);
  return data.get(ENTITY.profile, String(found.id), { forUpdate: true });
}

function actorId(ctx: ActionContext): string {
  return ctx.actor.kind === 'principal' ? ctx.actor.id : 'system';
}

/**
 * Merges the duplicate `merge` into `keep`: its cases, applications and timeline move to
 * `keep`, its profile is marked merged, and what moved is logged for undo. Both profiles are
 * locked first, so of two merges at once one waits and then finds the profile already merged:
 * 409 `crm.merge.conflict`.
 */
export const mergeResidents: ActionContribution<{ keep: string; merge: string }, { mergeId: string; moved: number }> = {
  name: 'mergeResidents',
  label: { ja: '重複した住民を統合する', en: 'Merge duplicate residents' },
  roles: [ROLE.manager],
  input: {
    type: 'object',
    required: ['keep', 'merge'],
    additionalProperties: false,
    properties: { keep: PRINCIPAL, merge: PRINCIPAL },
  },
  handler: ({ keep, merge }, ctx) =>
    ctx.transaction(SYSTEM, async (data) => {
      if (keep === merge)
        throw crmError('merge.same', 422, '同じ住民です。', 'A resident cannot be merged into themselves.');
      const [first, second] = [keep, merge].sort();
      const locked = new Map<string, RecordData>();
      for (const principal of [first, second] as string[]) locked.set(principal, await profileOf(data, principal));
      const merged = locked.get(merge);
      const kept = locked.get(keep);
      if (!merged || !kept || merged.mergedInto || kept.mergedInto) {
        throw crmError(
          'merge.conflict',
          409,
          'この住民はすでに統合されています。',
          'One of these residents was merged already.',
        );
      }
      const moved: Moved = { records: [], timeline: [] };
      for (const { entity, field, owner } of RESIDENT_FIELDS) {
        for (;;) {
          const page = await data.list(entity, {
            filter: { [field]: { eq: merge } },
            fields: ['id', 'owner'],
            limit: 200,
          });
          for (const record of page) {
            moved.records.push({ entity, id: String(record.id), owner: record.owner ?? null });
            await data.update(entity, String(record.id), {
              [field]: keep,
              ...(owner && record.owner === merge ? { owner: keep } : {}),
            });
          }
          if (page.length < 200) break;
        }
      }
      const { rows } = await ctx.sql.query<{ id: string }>(
        `update timeline_entry set resident = $1 where resident = $2 and kind <> 'record' returning id`,
        [keep, merge],
      );
      moved.timeline = rows.map((row) => row.id);
      await data.update(ENTITY.profile, String(merged.id), { mergedInto: keep });
      await ctx.sql.query('delete from resident_match_key where principal = $1', [merge]);
      const log = await ctx.sql.query<{ id: string }>(
        `insert into resident_merge (kept, merged, moved, merged_by) values ($1, $2, $3, $4) returning id`,
        [keep, merge, JSON.stringify(moved), actorId(ctx)],
      );
      const mergeId = String(log.rows[0]?.id);
      await ctx.audit({
        actor: ctx.actor,
        action: 'crm.residents.merged',
        entity: ENTITY.profile,
        recordId: String(merged.id),
        details: { mergeId, kept: keep, merged: merge, records: moved.records.length, timeline: moved.timeline.length },
      });
      return { mergeId, moved: moved.records.length + moved.timeline.length };
    }),
};

/** Puts everything a merge moved back where it was and makes the merged profile active again. */
export const undoMerge: ActionContribution<{ mergeId: string }, { restored: number }> = {
  name: 'undoMerge',
  label: { ja: '統合を取り消す', en: 'Undo a merge' },
  roles: [ROLE.manager],
  input: {
    type: 'object',
    required: ['mergeId'],
    additionalProperties: false,
    properties: { mergeId: { type: 'string', format: 'uuid' } },
  },
  handler: ({ mergeId }, ctx) =>
    ctx.transaction(SYSTEM, async (data) => {
      const { rows } = await ctx.sql.query<{ kept: string; merged: string; moved: Moved; undone_at: unknown }>(
        'select kept, merged, moved, undone_at from resident_merge where id = $1 for update',
        [mergeId],
      );
      const log = rows[0];
      if (!log) throw crmError('merge.notFound', 404, '統合の記録が見つかりません。', 'No such merge.');
      if (log.undone_at)
        throw crmError('merge.alreadyUndone', 409, 'すでに取り消されています。', 'This merge was undone already.');
      const merged = await profileOf(data, log.merged);
      for (const record of log.moved.records) {
        const field = RESIDENT_FIELDS.find((candidate) => candidate.entity === record.entity)?.field ?? 'resident';
        await data.update(record.entity, record.id, { [field]: log.merged, owner: record.owner });
      }
      if (log.moved.timeline.length > 0) {
        await ctx.sql.query('update timeline_entry set resident = $1 where id = any($2::uuid[])', [
          log.merged,
          log.moved.timeline,
        ]);
      }
      await data.update(ENTITY.profile, String(merged.id), { mergedInto: null });
      await ctx.sql.query('update resident_merge set undone_at = now() where id = $1', [mergeId]);
      await ctx.audit({
        actor: ctx.actor,
        action: 'crm.residents.mergeUndone',
        entity: ENTITY.profile,
        recordId: String(merged.id),
        details: { mergeId, kept: log.kept, merged: log.merged },
      });
      return { restored: log.moved.records.length + log.moved.timeline.length };
    }),
};
