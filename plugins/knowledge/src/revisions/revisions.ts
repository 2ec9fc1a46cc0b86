import { type ActionContribution, type Actor, type PluginContext, PluginError, type RecordData } from '@kiban/sdk';
import { requireKnowledgeStaff } from '../review/staff-reader.ts';

/** The reviewed entities that may be revised while their published version stays online. */
export const REVISABLE = ['KnowledgeFaq', 'Benefit', 'KnowledgeArticle'] as const;

/** What a revision does not carry over: identity, bookkeeping, the workflow and the link itself. */
const NOT_CONTENT = new Set([
  'id',
  'owner',
  'createdAt',
  'updatedAt',
  'version',
  'status',
  'review',
  'externalId',
  'revisionOf',
]);

export function contentOf(record: RecordData): RecordData {
  return Object.fromEntries(Object.entries(record).filter(([name]) => !NOT_CONTENT.has(name)));
}

const refuse = (code: string, status: number, ja: string, en: string) =>
  new PluginError(`knowledge.${code}`, status, { ja, en });

/**
 * `knowledge.revise {entity, id}`: a draft copy of published content, written as the editor,
 * linked by `revisionOf`. It goes through the same review (submit, approve or send back) while
 * the published version stays online and searchable; one open revision per record.
 */
export const reviseAction: ActionContribution = {
  name: 'revise',
  label: { ja: '公開中のまま改訂する', en: 'Revise while published' },
  input: {
    type: 'object',
    required: ['entity', 'id'],
    additionalProperties: false,
    properties: { entity: { enum: [...REVISABLE] }, id: { type: 'string', minLength: 1, maxLength: 100 } },
  },
  handler: async (input, ctx) => {
    requireKnowledgeStaff(ctx.actor);
    const { entity, id } = input as { entity: string; id: string };
    const data = ctx.data(ctx.actor);
    const original = await data.get(entity, id);
    if (original.status !== 'published' || original.revisionOf) {
      throw refuse('notPublished', 409, '公開中の版だけを改訂できます。', 'Only a published version can be revised.');
    }
    const open = await data.count(entity, { revisionOf: { eq: id } });
    if (open > 0) {
      throw refuse('revisionOpen', 409, 'この版の改訂はすでに作成されています。', 'A revision of it is already open.');
    }
    const revision = await data.create(entity, { ...contentOf(original), revisionOf: id });
    return { entity, id: String(revision.id), revisionOf: id };
  },
};

/**
 * An approved revision replaces the content of the version it revises (which stays published
 * throughout, under its id) and is then removed; the engine's audit keeps both records'
 * history, and the replacement is audited as `knowledge.revisionApplied`.
 */
export async function applyApprovedRevision(ctx: PluginContext, entity: string, id: string): Promise<void> {
  const system = { kind: 'system' } as const;
  await ctx.transaction(system, async (data) => {
    const [revision] = await data.list(entity, { filter: { id: { eq: id } }, limit: 1 });
    const originalId = typeof revision?.revisionOf === 'string' ? revision.revisionOf : '';
    if (!revision || !originalId || revision.status !== 'published') return;
    const [original] = await data.list(entity, { filter: { id: { eq: originalId } }, limit: 1 });
    if (original?.status === 'published') await data.update(entity, originalId, contentOf(revision));
    await data.delete(entity, id);
    await ctx.audit({
      actor: system,
      action: 'knowledge.revisionApplied',
      entity,
      recordId: originalId,
      details: { revision: id, applied: original?.status === 'published' },
    });
  });
}

/** One content field of a revision beside the published version's, as text. */
export interface RevisionField {
  name: string;
  published: string;
  proposed: string;
  changed: boolean;
}

const asText = (value: unknown) =>
  value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);

/**
 * A revision and the published version it revises, field by field (the content `revise` copies
 * and approval applies), both read as `actor`: what they may not read is not found. Null when
 * the record is not a revision of a record that still exists.
 */
export async function compareRevision(
  ctx: PluginContext,
  actor: Actor,
  entity: string,
  id: string,
): Promise<{ revisionOf: string; fields: RevisionField[] } | null> {
  if (!(REVISABLE as readonly string[]).includes(entity)) return null;
  const data = ctx.data(actor);
  const [revision] = await data.list(entity, { filter: { id: { eq: id } }, limit: 1 });
  const originalId = typeof revision?.revisionOf === 'string' ? revision.revisionOf : '';
  if (!revision || !originalId) return null;
  const [original] = await data.list(entity, { filter: { id: { eq: originalId } }, limit: 1 });
  if (!original) return null;
  const proposed = contentOf(revision);
  const published = contentOf(original);
  const names = [...new Set([...Object.keys(published), ...Object.keys(proposed)])];
  return {
    revisionOf: originalId,
    fields: names.map((name) => {
      const before = asText(published[name]);
      const after = asText(proposed[name]);
      return { name, published: before, proposed: after, changed: before !== after };
    }),
  };
}
