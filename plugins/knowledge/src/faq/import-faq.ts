import type { PluginContext } from '@kiban/sdk';
import type { FaqEntry } from './faq-file.ts';

/**
 * Writes FAQ entries as published, public `KnowledgeFaq` records in one transaction: an entry
 * whose import id exists is updated, others are created. Either all land or none.
 */
export async function importFaq(
  ctx: PluginContext,
  entries: FaqEntry[],
  defaults: { classification?: string; ownerDepartment?: string } = {},
): Promise<{ created: number; updated: number }> {
  return ctx.transaction({ kind: 'system' }, async (data) => {
    let created = 0;
    let updated = 0;
    for (const entry of entries) {
      const values = {
        question: entry.question,
        answer: entry.answer,
        url: entry.url ?? null,
        category: entry.category ?? null,
        classification: defaults.classification ?? 'public',
        ownerDepartment: defaults.ownerDepartment ?? null,
        status: 'published',
      };
      const [existing] = await data.list('KnowledgeFaq', { filter: { externalId: { eq: entry.id } }, limit: 1 });
      if (existing) {
        await data.update('KnowledgeFaq', String(existing.id), values);
        updated++;
      } else {
        await data.create('KnowledgeFaq', { externalId: entry.id, ...values });
        created++;
      }
    }
    return { created, updated };
  });
}
