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
 * The compiled segment `select <alias>."id" from <table> <alias> where <condition>` split into
 * its table, alias and condition, so that many conditions can be asked of one row at once.
 * Anything else (the compiler changed its shape) is `undefined`: the caller then embeds the
 * whole statement instead.
 */
function splitSegment(text: string): { from: string; alias: string; condition: string } | undefined {
  const match = /^select ([a-z_][a-z0-9_]*)\."id" from ("(?:[^"]|"")+") \1 where ([\s\S]+)$/.exec(text);
  if (!match?.[1] || !match[3]) return undefined;
  return { from: `${match[2]} ${match[1]}`, alias: match[1], condition: match[3] };
}

interface Check {
  index: number;
  recordParam: number;
  sql: { text: string; params: unknown[] };
}

/**
 * Which catalogue items the resident is eligible for. Each item's rule is compiled by the
 * engine's rule compiler; the conditions of all items on one entity are then evaluated
 * together against the resident's one record — `select (cond1), (cond2), … from table where
 * id = $1` — one index look-up and one cheap plan, instead of a subquery per item. An item
 * without a rule is for everyone.
 */
export async function eligibleItems(
  ctx: PluginContext,
  resident: string,
  items: CatalogueItem[],
): Promise<CatalogueItem[]> {
  const data = ctx.data(SYSTEM);
  const recordOf = new Map<string, string | null>();
  const byEntity = new Map<string, Check[]>();
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
      if (own) params.push(String(own.id));
      byEntity.set(entity, []);
    }
    const recordId = recordOf.get(entity);
    if (!recordId) continue;
    const recordParam = params.indexOf(recordId) + 1;
    const sql = await compiled(ctx, item, entity, rule, params.length + 1);
    params.push(...sql.params);
    byEntity.get(entity)?.push({ index, recordParam, sql });
  }
  const statements = [...byEntity.values()].flatMap((checks) => chunks(checks).map(statementOf));
  if (statements.length === 0) return open;
  const { rows } = await ctx.sql.query<{ item: number }>(statements.join(' union all '), params);
  const matched = new Set(rows.map((row) => Number(row.item)));
  return [...open, ...items.filter((_item, index) => matched.has(index))];
}

/** The items of one entity that match, as rows of `item`. */
function statementOf(checks: Check[]): string {
  const split = checks.map((check) => splitSegment(check.sql.text));
  const first = split[0];
  const recordParam = checks[0]?.recordParam;
  if (first && split.every((part) => part?.from === first.from)) {
    const flags = split.map((part, position) => `(${part?.condition}) is true as c${checks[position]?.index}`);
    const columns = checks.map((check) => `(${check.index}, subject.c${check.index})`).join(', ');
    return `select matched.item from (select ${flags.join(', ')} from ${first.from} where ${first.alias}."id" = $${recordParam}::uuid) as subject
      cross join lateral (values ${columns}) as matched (item, hit) where matched.hit`;
  }
  // The resident's id as a condition on the subquery's column, which PostgreSQL pushes down.
  return checks
    .map(
      (check) =>
        `select ${check.index} as item where exists (select 1 from (${check.sql.text}) as matched (id) where matched.id = $${check.recordParam}::uuid)`,
    )
    .join(' union all ');
}

/** PostgreSQL allows 1,664 columns in a select list. */
const COLUMNS_PER_STATEMENT = 1000;

function chunks(checks: Check[]): Check[][] {
  const parts: Check[][] = [];
  for (let start = 0; start < checks.length; start += COLUMNS_PER_STATEMENT) {
    parts.push(checks.slice(start, start + COLUMNS_PER_STATEMENT));
  }
  return parts;
}
