import type { PluginContext, SegmentMatcher } from '@kiban/sdk';
import { SYSTEM } from '../campaigns/campaign-record.ts';
import { ruleOf } from '../campaigns/segment-rule.ts';

export interface CatalogueItem {
  id: string;
  entity: 'CatalogueBenefit' | 'CommunityEvent';
  record: Record<string, unknown>;
}

/**
 * Prepared rules by entity and catalogue version (every item's id and version, in order): a
 * changed, added or removed benefit or event makes another key, so a stale matcher is never
 * used; the oldest are dropped. The matcher itself follows the day and the published metadata.
 */
const matchers = new Map<string, Promise<SegmentMatcher>>();
const MATCHERS_KEPT = 50;

function matcherFor(ctx: PluginContext, entity: string, items: CatalogueItem[]): Promise<SegmentMatcher> {
  const key = `${entity}|${items.map((item) => `${item.entity}/${item.id}/${String(item.record.version)}`).join(',')}`;
  const hit = matchers.get(key);
  if (hit) return hit;
  const matcher = ctx.segments.matcher(
    entity,
    items.map((item) => ruleOf(entity, item.record.eligibility)),
  );
  matcher.catch(() => matchers.delete(key));
  matchers.set(key, matcher);
  if (matchers.size > MATCHERS_KEPT) matchers.delete(matchers.keys().next().value ?? key);
  return matcher;
}

/**
 * Which catalogue items the resident is eligible for, judged on their own record of each
 * item's entity. The rules of all items on one entity are prepared once per catalogue version
 * and decided in process by the one-subject interpreter: one read of the record (and of what
 * the rules' facts reach) and one run, instead of planning hundreds of SQL conditions per
 * request. An item without a rule is for everyone; one about an entity the resident has no
 * record of is not for them.
 */
export async function eligibleItems(
  ctx: PluginContext,
  resident: string,
  items: CatalogueItem[],
): Promise<CatalogueItem[]> {
  const groups = new Map<string, CatalogueItem[]>();
  const open: CatalogueItem[] = [];
  for (const item of items) {
    const entity = item.record.eligibilityEntity as string | null;
    if (!entity || !item.record.eligibility) {
      open.push(item);
      continue;
    }
    const group = groups.get(entity) ?? [];
    group.push(item);
    groups.set(entity, group);
  }
  const data = ctx.data(SYSTEM);
  const matched = new Set<CatalogueItem>();
  for (const [entity, ruled] of groups) {
    const [own] = await data.list(entity, { filter: { owner: { eq: resident } }, limit: 1, fields: ['id'] });
    if (!own) continue;
    const met = await (await matcherFor(ctx, entity, ruled)).matches(String(own.id));
    for (const [position, item] of ruled.entries()) if (met[position]) matched.add(item);
  }
  return [...open, ...items.filter((item) => matched.has(item))];
}
