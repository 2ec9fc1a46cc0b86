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
  sql: { text: string; params: unknown[] };
}

/** The resident's record of one entity, and the checks of the items whose rules are about it. */
interface Batch {
  recordId: string;
  checks: Check[];
  params: unknown[];
}

/** PostgreSQL allows 1,664 columns in a select list; an array of this many flags is cheap to plan. */
const CHECKS_PER_STATEMENT = 1000;

/**
 * Which catalogue items the resident is eligible for. Each item's rule is compiled by the
 * engine's rule compiler; the conditions of all items on one entity are then evaluated
 * together against the resident's one record — `select array[(cond1), (cond2), …] from table
 * where id = $1` — one index look-up and one cheap plan, instead of a subquery per item
 * (planning 500 subqueries took far longer than running them). An item without a rule is for
 * everyone.
 */
export async function eligibleItems(
  ctx: PluginContext,
  resident: string,
  items: CatalogueItem[],
): Promise<CatalogueItem[]> {
  const data = ctx.data(SYSTEM);
  const batches = new Map<string, Batch | null>();
  const open: CatalogueItem[] = [];
  for (const [index, item] of items.entries()) {
    const entity = item.record.eligibilityEntity as string | null;
    const rule = item.record.eligibility;
    if (!entity || !rule) {
      open.push(item);
      continue;
    }
    if (!batches.has(entity)) {
      const [own] = await data.list(entity, { filter: { owner: { eq: resident } }, limit: 1, fields: ['id'] });
      batches.set(entity, own ? { recordId: String(own.id), checks: [], params: [] } : null);
    }
    const batch = batches.get(entity);
    if (!batch) continue;
    if (batch.checks.length % CHECKS_PER_STATEMENT === 0) batch.params = [];
    // $1 is the resident's record; each rule's placeholders follow the ones before it.
    const sql = await compiled(ctx, item, entity, rule, batch.params.length + 2);
    batch.params.push(...sql.params);
    batch.checks.push({ index, sql });
  }
  const matched = new Set<number>();
  for (const batch of batches.values()) {
    if (!batch) continue;
    for (let start = 0; start < batch.checks.length; start += CHECKS_PER_STATEMENT) {
      const checks = batch.checks.slice(start, start + CHECKS_PER_STATEMENT);
      const params = [batch.recordId, ...checks.flatMap((check) => check.sql.params)];
      for (const index of await matching(ctx, checks, params)) matched.add(index);
    }
  }
  return [...open, ...items.filter((_item, index) => matched.has(index))];
}

/** The indexes of the checks the record `$1` meets. */
async function matching(ctx: PluginContext, checks: Check[], params: unknown[]): Promise<number[]> {
  const split = checks.map((check) => splitSegment(check.sql.text));
  const first = split[0];
  if (first && split.every((part) => part?.from === first.from)) {
    const flags = split.map((part) => `(${part?.condition}) is true`).join(', ');
    const { rows } = await ctx.sql.query<{ hits: boolean[] }>(
      `select array[${flags}] as hits from ${first.from} where ${first.alias}."id" = $1::uuid`,
      params,
    );
    const hits = rows[0]?.hits ?? [];
    return checks.filter((_check, position) => hits[position] === true).map((check) => check.index);
  }
  // The compiled shape is not the one expected: each rule as a subquery, the record's id pushed down into it.
  const { rows } = await ctx.sql.query<{ item: number }>(
    checks
      .map(
        (check) =>
          `select ${check.index} as item where exists (select 1 from (${check.sql.text}) as matched (id) where matched.id = $1::uuid)`,
      )
      .join(' union all '),
    params,
  );
  return rows.map((row) => Number(row.item));
}
