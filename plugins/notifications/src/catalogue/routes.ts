import type { Hono, PluginContext, PluginHttpEnv, RecordData } from '@kiban/sdk';
import { SYSTEM } from '../campaigns/campaign-record.ts';
import { rank } from '../personalisation/ranking.ts';
import { hasConsent, signalsOf } from '../personalisation/signals.ts';
import { residentOf } from '../roles.ts';
import { readSettings } from '../settings.ts';
import { type CatalogueItem, eligibleItems, needsNoProfile } from './eligibility.ts';
import { cityDay, coordinatesOf, distanceKm, meets, parseSearch, periodOf, textsOf } from './search.ts';

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

const endOf = (item: CatalogueItem) => periodOf(item).end ?? '9999-12-31';

/**
 * `GET /my-benefits?q=&category=&kind=&from=&to=&near=lat,lon&withinKm=&language=`: the
 * benefits and events the signed-in resident is eligible for now, judged against their own
 * records when they consent to the reuse of their profile, in their language. Soonest ending first — or, when the resident consents to
 * personalisation, re-ranked by their own signals with the reason shown. `map` is the tile
 * layer from the settings, `null` when none is configured (the page then plots coordinates).
 */
export function catalogueRoutes(app: Hono<PluginHttpEnv>, ctx: PluginContext): void {
  app.get('/my-benefits', async (c) => {
    const resident = residentOf(c.get('actor'));
    const search = parseSearch(c.req.query());
    const language = search.language ?? 'ja';
    const today = cityDay(new Date().toISOString());
    const candidates = [...(await allOf(ctx, 'CatalogueBenefit')), ...(await allOf(ctx, 'CommunityEvent'))]
      .filter((item) => meets(item, search, today))
      .sort((a, b) => endOf(a).localeCompare(endOf(b)));
    // A rule is decided against the resident's own records only with their consent to reuse
    // their profile (as forms prefill only with it); without it, the items for everyone.
    const profileConsent = await ctx.identity.consentsToReuse(resident.id);
    const eligible = profileConsent
      ? await eligibleItems(ctx, resident.id, candidates)
      : candidates.filter(needsNoProfile);
    const personalised = await hasConsent(ctx.sql, resident.id);
    const signals = personalised ? await signalsOf(ctx.sql, resident.id) : [];
    const ranked = rank(
      eligible.map((item) => ({
        ...item,
        category: (item.record.category as string | null) ?? null,
        texts: [...Object.values(textsOf(item, 'ja')), ...Object.values(textsOf(item, language))],
      })),
      signals,
    );
    const near = search.near?.split(',').map(Number) as [number, number] | undefined;
    const { map } = await readSettings(ctx);
    return c.json({
      profileConsent,
      // How many of the items searched would be decided against the profile, once consented.
      awaitingConsent: profileConsent ? 0 : candidates.length - eligible.length,
      personalised,
      map: map ?? null,
      items: ranked.map(({ item, reason, dismissed }) => {
        const place = coordinatesOf(item);
        const { start, end } = periodOf(item);
        return {
          id: item.id,
          kind: item.entity === 'CatalogueBenefit' ? 'benefit' : 'event',
          ...textsOf(item, language),
          category: item.record.category ?? null,
          startsAt: item.record.startsAt ?? null,
          endsAt: item.record.endsAt ?? null,
          firstDay: start ?? null,
          lastDay: end ?? null,
          place: item.record.place ?? null,
          latitude: place?.[0] ?? null,
          longitude: place?.[1] ?? null,
          distanceKm: near && place ? Math.round(distanceKm(near, place) * 10) / 10 : null,
          url: item.record.url ?? null,
          reason,
          dismissed,
        };
      }),
    });
  });
}
