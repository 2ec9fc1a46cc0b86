import type { PluginContext } from '@kiban/sdk';
import { SYSTEM } from '../campaigns/campaign-record.ts';
import { ruleOf } from '../campaigns/segment-rule.ts';

export interface CatalogueItem {
  id: string;
  entity: 'Benefit' | 'CommunityEvent';
  record: Record<string, unknown>;
}

/**
 * Which catalogue items the resident is eligible for: each item's rule is compiled by the
 * engine's rule compiler and all of them are asked in one SQL statement — "is the resident's
 * own record among the matches?" — instead of one round trip per item. An item without a rule
 * is for everyone.
 */
export async function eligibleItems(
  ctx: PluginContext,
  resident: string,
  items: CatalogueItem[],
): Promise<CatalogueItem[]> {
  const data = ctx.data(SYSTEM);
  const recordOf = new Map<string, string | null>();
  const parts: string[] = [];
  const params: unknown[] = [];
  const open: CatalogueItem[] = [];
  for (const [index, item] of items.entries()) {
    const entity = item.record.eligibilityEntity as string | null;
    const rule = item.record.eligibility;
    if (!entity || !rule) {
      open.push(item);
      continue;
    }
    if (!recordOf.has(entity)) {
      const [own] = await data.list(entity, { filter: { owner: { eq: resident } }, limit: 1, fields: ['id'] });
      recordOf.set(entity, own ? String(own.id) : null);
    }
    const recordId = recordOf.get(entity);
    if (!recordId) continue;
    params.push(recordId);
    const record = params.length;
    const segment = await ctx.segments.select(entity, ruleOf(entity, rule), { paramOffset: params.length + 1 });
    params.push(...segment.params);
    parts.push(`select ${index} as item where $${record}::uuid in (${segment.text})`);
  }
  if (parts.length === 0) return open;
  const { rows } = await ctx.sql.query<{ item: number }>(parts.join(' union all '), params);
  const matched = new Set(rows.map((row) => Number(row.item)));
  return [...open, ...items.filter((_item, index) => matched.has(index))];
}
