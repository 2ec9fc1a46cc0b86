import type { PluginContext } from '@kiban/sdk';

export const areasInputSchema = {
  type: 'object',
  additionalProperties: false,
  properties: { city: { type: 'string', minLength: 1, maxLength: 100 } },
};

const PAGE = 200;

/**
 * The collection areas a resident may pick for the garbage answer's next collection day: only
 * city and area names (the same for everyone), sorted, optionally for one city.
 */
export async function listCollectionAreas(
  ctx: PluginContext,
  input: { city?: string },
): Promise<{ areas: Array<{ city: string; name: string }> }> {
  const data = ctx.data({ kind: 'system' });
  const areas: Array<{ city: string; name: string }> = [];
  for (let offset = 0; ; offset += PAGE) {
    const page = await data.list('CollectionArea', {
      filter: input.city ? { city: { eq: input.city } } : undefined,
      sort: 'city,name',
      fields: ['city', 'name'],
      limit: PAGE,
      offset,
    });
    for (const area of page) areas.push({ city: String(area.city), name: String(area.name) });
    if (page.length < PAGE) return { areas };
  }
}
