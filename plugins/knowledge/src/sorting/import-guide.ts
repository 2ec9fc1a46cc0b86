import type { PluginContext } from '@kiban/sdk';
import type { SortingGuide } from './format-5374.ts';

/**
 * Replaces a city's sorting dictionary and collection areas with `guide`, in one transaction.
 */
export async function importSortingGuide(
  ctx: PluginContext,
  guide: SortingGuide,
): Promise<{ items: number; areas: number }> {
  return ctx.transaction({ kind: 'system' }, async (data) => {
    for (const entity of ['SortingItem', 'CollectionArea']) {
      for (;;) {
        const page = await data.list(entity, { filter: { city: { eq: guide.city } }, limit: 200 });
        if (page.length === 0) break;
        for (const record of page) await data.delete(entity, String(record.id));
      }
    }
    for (const item of guide.items) {
      await data.create('SortingItem', {
        city: guide.city,
        name: item.name,
        reading: item.reading || null,
        synonyms: item.synonyms.join(',') || null,
        category: item.category,
        notes: item.notes || null,
      });
    }
    for (const area of guide.areas) {
      const closures = guide.closures.filter((closure) => !area.center || closure.center === area.center);
      await data.create('CollectionArea', {
        city: guide.city,
        name: area.name,
        center: area.center || null,
        days: area.days,
        closures,
      });
    }
    return { items: guide.items.length, areas: guide.areas.length };
  });
}
