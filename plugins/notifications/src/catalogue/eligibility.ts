import type { PluginContext, SegmentMatcher } from '@kiban/sdk';
import { SYSTEM } from '../campaigns/campaign-record.ts';
import { ruleOf } from '../campaigns/segment-rule.ts';

export interface CatalogueItem {
  id: string;
  entity: 'CatalogueBenefit' | 'CommunityEvent';
  record: Record<string, unknown>;
}

/**
 * A catalogue's rules on one entity, prepared: the matcher's rule `i` decides the item at
 * `positions[i]` of the list it was prepared for (the same list, by id and version, as every
 * later one with its key).
 */
interface PreparedRules {
  matcher: SegmentMatcher;
  positions: number[];
}

/**
 * Prepared rules by entity and catalogue version (every item's id and version, in order): a
 * changed, added or removed benefit or event makes another key, so a stale matcher is never
 * used; the oldest are dropped. The matcher itself follows the day and the published metadata.
 */
const prepared = new Map<string, Promise<PreparedRules>>();
const MATCHERS_KEPT = 50;

function preparedFor(ctx: PluginContext, entity: string, items: CatalogueItem[]): Promise<PreparedRules> {
  const key = `${entity}|${items.map((item) => `${item.entity}/${item.id}/${String(item.record.version)}`).join(',')}`;
  const hit = prepared.get(key);
  if (hit) return hit;
  const rules = prepareRules(ctx, entity, items);
  rules.catch(() => prepared.delete(key));
  prepared.set(key, rules);
  if (prepared.size > MATCHERS_KEPT) prepared.delete(prepared.keys().next().value ?? key);
  return rules;
}

/**
 * The intake refuses a rule that does not compile, but staff may still save one through the
 * record API, or a later publication may remove a field a rule reads. Such an item is shown to
 * no one and logged, and every other item is still decided: one bad rule must not take
 * "my benefits" away from every resident.
 */
async function prepareRules(ctx: PluginContext, entity: string, items: CatalogueItem[]): Promise<PreparedRules> {
  const rulesAt = (positions: number[]) =>
    positions.map((position) => ruleOf(entity, (items[position] as CatalogueItem).record.eligibility));
  const all = items.map((_, position) => position);
  try {
    return { matcher: await ctx.segments.matcher(entity, rulesAt(all)), positions: all };
  } catch (error) {
    if (!isInvalidSegment(error)) throw error;
  }
  const usable: number[] = [];
  for (const [position, item] of items.entries()) {
    try {
      await ctx.segments.matcher(entity, rulesAt([position]));
      usable.push(position);
    } catch (error) {
      if (!isInvalidSegment(error)) throw error;
      ctx.logger.warn('catalogue item not shown: its eligibility rule does not hold on its entity', {
        entity: item.entity,
        id: item.id,
        eligibilityEntity: entity,
      });
    }
  }
  return { matcher: await ctx.segments.matcher(entity, rulesAt(usable)), positions: usable };
}

function isInvalidSegment(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'segment.invalid';
}

/** An item for everyone: it has no rule to decide against a resident's records. */
export function needsNoProfile(item: CatalogueItem): boolean {
  return !item.record.eligibilityEntity || !item.record.eligibility;
}

/**
 * Which catalogue items the resident is eligible for, judged on their own record of each
 * item's entity. The rules of all items on one entity are prepared once per catalogue version
 * and decided in process by the one-subject interpreter: one read of the record (and of what
 * the rules' facts reach) and one run, instead of planning hundreds of SQL conditions per
 * request. An item without a rule is for everyone; one about an entity the resident has no
 * record of is not for them, nor is one whose rule does not compile (see `prepareRules`).
 */
export async function eligibleItems(
  ctx: PluginContext,
  resident: string,
  items: CatalogueItem[],
): Promise<CatalogueItem[]> {
  const groups = new Map<string, CatalogueItem[]>();
  const open: CatalogueItem[] = [];
  for (const item of items) {
    if (needsNoProfile(item)) {
      open.push(item);
      continue;
    }
    const entity = item.record.eligibilityEntity as string;
    const group = groups.get(entity) ?? [];
    group.push(item);
    groups.set(entity, group);
  }
  const data = ctx.data(SYSTEM);
  const matched = new Set<CatalogueItem>();
  for (const [entity, ruled] of groups) {
    const [own] = await data.list(entity, { filter: { owner: { eq: resident } }, limit: 1, fields: ['id'] });
    if (!own) continue;
    const rules = await preparedFor(ctx, entity, ruled);
    const met = await rules.matcher.matches(String(own.id));
    for (const [rule, position] of rules.positions.entries())
      if (met[rule]) matched.add(ruled[position] as CatalogueItem);
  }
  return [...open, ...items.filter((item) => matched.has(item))];
}
