import type { PluginContext } from '@kiban/sdk';
import { SYSTEM } from '../campaigns/campaign-record.ts';
import { ruleOf } from '../campaigns/segment-rule.ts';

export interface CatalogueItem {
  id: string;
  entity: 'CatalogueBenefit' | 'CommunityEvent';
  record: Record<string, unknown>;
}

/** Compiled rules by item, version and placeholder offset, briefly: rules on ages depend on the day. */
const cache = new Map<string, { at: number; sql: Promise<{ text: string; params: unknown[] }> }>();
const CACHE_MS = 60_000;

function compiled(ctx: PluginContext, item: CatalogueItem, entity: string, rule: unknown, paramOffset: number) {
  const key = `${item.entity}/${item.id}/${String(item.record.version)}/${paramOffset}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < CACHE_MS) return hit.sql;
  const sql = ctx.segments.select(entity, ruleOf(entity, rule), { paramOffset });
  sql.catch(() => cache.delete(key));
  cache.set(key, { at: Date.now(), sql });
  if (cache.size > 20_000) cache.delete(cache.keys().next().value ?? key);
  return sql;
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
    const segment = await compiled(ctx, item, entity, rule, params.length + 1);
    params.push(...segment.params);
    // The resident's id as a condition on the subquery's column, which PostgreSQL pushes down
    // into it: an index look-up per item, not a scan of the population.
    parts.push(
      `select ${index} as item where exists (select 1 from (${segment.text}) as matched (id) where matched.id = $${record}::uuid)`,
    );
  }
  if (parts.length === 0) return open;
  const { rows } = await ctx.sql.query<{ item: number }>(parts.join(' union all '), params);
  const matched = new Set(rows.map((row) => Number(row.item)));
  return [...open, ...items.filter((_item, index) => matched.has(index))];
}
