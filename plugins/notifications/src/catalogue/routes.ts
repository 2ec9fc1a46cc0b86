import type { Hono, PluginContext, PluginHttpEnv, RecordData } from '@kiban/sdk';
import { SYSTEM } from '../campaigns/campaign-record.ts';
import { residentOf } from '../roles.ts';
import { type CatalogueItem, eligibleItems } from './eligibility.ts';

const PAGE = 200;

async function allOf(ctx: PluginContext, entity: 'CatalogueBenefit' | 'CommunityEvent'): Promise<CatalogueItem[]> {
  const items: CatalogueItem[] = [];
  const data = ctx.data(SYSTEM);
  for (let offset = 0; ; offset += PAGE) {
    const page: RecordData[] = await data.list(entity, { limit: PAGE, offset, sort: 'createdAt' });
    items.push(...page.map((record) => ({ id: String(record.id), entity, record })));
    if (page.length < PAGE) return items;
  }
}

const current = (item: CatalogueItem, today: string) => {
  const end = (item.record.periodEnd ?? item.record.endsAt) as string | null;
  return !end || end.slice(0, 10) >= today;
};

const matchesText = (item: CatalogueItem, text: string | undefined) =>
  !text || ['title', 'summary', 'body'].some((field) => String(item.record[field] ?? '').includes(text));

/**
 * `GET /my-benefits?q=&category=`: the benefits and events the signed-in resident is eligible
 * for now, judged against their own records, soonest ending first.
 */
export function catalogueRoutes(app: Hono<PluginHttpEnv>, ctx: PluginContext): void {
  app.get('/my-benefits', async (c) => {
    const resident = residentOf(c.get('actor'));
    const today = new Date().toISOString().slice(0, 10);
    const text = c.req.query('q');
    const category = c.req.query('category');
    const candidates = [...(await allOf(ctx, 'CatalogueBenefit')), ...(await allOf(ctx, 'CommunityEvent'))].filter(
      (item) => current(item, today) && matchesText(item, text) && (!category || item.record.category === category),
    );
    const eligible = await eligibleItems(ctx, resident.id, candidates);
    return c.json({
      items: eligible.map((item) => ({
        id: item.id,
        kind: item.entity === 'CatalogueBenefit' ? 'benefit' : 'event',
        title: item.record.title,
        summary: item.record.summary ?? null,
        category: item.record.category ?? null,
        periodEnd: item.record.periodEnd ?? item.record.endsAt ?? null,
        place: item.record.place ?? null,
        latitude: item.record.latitude ?? null,
        longitude: item.record.longitude ?? null,
        url: item.record.url ?? null,
      })),
    });
  });
}
