import type { PluginContext } from '@kiban/sdk';
import type { FaqEntry } from './faq-file.ts';

export interface FaqImportOutcome {
  created: number;
  updated: number;
  /** Published entries an import without `publish` left as they are: they change through review. */
  keptPublished: number;
}

/**
 * Writes FAQ entries as `KnowledgeFaq` records in one transaction: an entry whose import id
 * exists is updated, others are created. Either all land or none. By default they land as
 * drafts for an editor to submit and a reviewer to approve, and a published entry is left as
 * it is (its change goes through review, it stays online). With `publish` — an explicit
 * choice, audited with the counts — they are published at once, replacing published ones.
 */
export async function importFaq(
  ctx: PluginContext,
  entries: FaqEntry[],
  defaults: { classification?: string; ownerDepartment?: string; publish?: boolean; file?: string } = {},
): Promise<FaqImportOutcome> {
  const publish = defaults.publish === true;
  return ctx.transaction({ kind: 'system' }, async (data) => {
    const outcome: FaqImportOutcome = { created: 0, updated: 0, keptPublished: 0 };
    for (const entry of entries) {
      const values = {
        question: entry.question,
        answer: entry.answer,
        url: entry.url ?? null,
        category: entry.category ?? null,
        classification: defaults.classification ?? 'public',
        ownerDepartment: defaults.ownerDepartment ?? null,
        status: publish ? 'published' : 'draft',
      };
      const [existing] = await data.list('KnowledgeFaq', { filter: { externalId: { eq: entry.id } }, limit: 1 });
      if (existing && existing.status === 'published' && !publish) {
        outcome.keptPublished++;
      } else if (existing) {
        await data.update('KnowledgeFaq', String(existing.id), values);
        outcome.updated++;
      } else {
        await data.create('KnowledgeFaq', { externalId: entry.id, ...values });
        outcome.created++;
      }
    }
    if (publish) {
      await ctx.audit({
        actor: { kind: 'system' },
        action: 'knowledge.publishOnImport',
        entity: 'KnowledgeFaq',
        details: { file: defaults.file ?? null, created: outcome.created, updated: outcome.updated },
      });
    }
    return outcome;
  });
}
