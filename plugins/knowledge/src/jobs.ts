import type { JobContribution, PluginContext } from '@kiban/sdk';
import { recordAnalysisVersion } from './analysis-upgrade.ts';
import { DRAFTING_DEFAULTS, draftFaqs } from './faq-drafts/drafting.ts';
import { listAll } from './list-all.ts';
import type { PassageIndex } from './passage-index.ts';
import { SOURCE_ENTITIES } from './sources.ts';

const REVIEWED = ['KnowledgeFaq', 'Benefit', 'KnowledgeArticle'];
const REMINDER_DAYS = 14;

/** Rewrites every record's passage: after an upgrade of the analyser, or to rebuild the shared index. */
async function reindexAll(index: PassageIndex, ctx: PluginContext): Promise<void> {
  for (const entity of Object.keys(SOURCE_ENTITIES)) {
    for (const record of await listAll(ctx, entity)) await index.write(ctx, entity, String(record.id));
  }
}

/**
 * Publishes `knowledge.reviewDue` once a day for knowledge whose review date is within two
 * weeks or past, per owner department, so a notification can reach the owners.
 */
async function remindReviews(ctx: PluginContext): Promise<void> {
  const limit = new Date(Date.now() + REMINDER_DAYS * 86_400_000).toISOString().slice(0, 10);
  for (const entity of REVIEWED) {
    const due = await listAll(ctx, entity, { reviewDate: { lte: limit }, status: { eq: 'published' } });
    const byDepartment = new Map<string, string[]>();
    for (const record of due) {
      const department = String(record.ownerDepartment ?? '');
      byDepartment.set(department, [...(byDepartment.get(department) ?? []), String(record.id)]);
    }
    for (const [department, ids] of byDepartment) {
      await ctx.events.publish('reviewDue', {
        entity,
        ownerDepartment: department || null,
        recordIds: ids,
        before: limit,
      });
    }
  }
}

/** Removed passages are kept a day so that every process sees the removal, then deleted. */
async function purgeRemovedPassages(ctx: PluginContext): Promise<void> {
  await ctx.sql.query("delete from passage where removed and updated_at < now() - interval '1 day'");
}

export function knowledgeJobs(index: () => Promise<PassageIndex>): JobContribution[] {
  return [
    {
      name: 'reindexAll',
      maxAttempts: 3,
      handler: async (payload, ctx) => {
        await reindexAll(await index(), ctx);
        const version = (payload as { analysisVersion?: unknown } | undefined)?.analysisVersion;
        if (typeof version === 'number') await recordAnalysisVersion(ctx, version);
      },
    },
    { name: 'remindReviews', cron: '0 8 * * *', handler: async (_payload, ctx) => remindReviews(ctx) },
    // Daily, before office hours: yesterday's signals are in the review queue when staff arrive.
    {
      name: 'draftFaqs',
      cron: '30 6 * * *',
      maxAttempts: 3,
      handler: async (_payload, ctx) => {
        // Without the concierge's masker nothing may be drafted; that is a setup, not a failure to retry.
        if (!ctx.plugins.has('ai-concierge')) {
          ctx.logger.warn('FAQ drafting skipped: the ai-concierge plugin (the masker) is not running');
          return;
        }
        await draftFaqs(ctx, (await index()).search.analyzer, DRAFTING_DEFAULTS);
      },
    },
    { name: 'purgeRemovedPassages', every: '1h', handler: async (_payload, ctx) => purgeRemovedPassages(ctx) },
  ];
}
