import type { Actor, CountedGroup, Filter, PluginContext } from '@kiban/sdk';
import { ENTITY } from '../entities.ts';

/** States in which a case past its due time is overdue (answered and closed ones are not). */
export const OPEN_STATES = ['received', 'inProgress', 'waitingResident'];
const AGE_BUCKETS = [
  { name: 'under1d', hours: 24 },
  { name: 'under3d', hours: 72 },
  { name: 'under7d', hours: 168 },
] as const;
const OLDEST_BUCKET = 'over7d';

export interface BoardCounts {
  total: number;
  overdue: number;
  byState: Record<string, number>;
  byDepartment: Record<string, number>;
  /** Cases not closed, by how long ago they came in. */
  byAge: Record<string, number>;
}

/**
 * The board's counts as grouped counts in the database, each under the caller's row policy
 * (`ctx.data(actor).countBy` / `count`): one GROUP BY per dimension and one count per age
 * bucket, however many cases there are.
 */
export async function boardCounts(ctx: PluginContext, actor: Actor, filter: Filter, now: Date): Promise<BoardCounts> {
  const data = ctx.data(actor);
  const [byState, byDepartment, overdue, ages] = await Promise.all([
    data.countBy(ENTITY.case, 'status', filter),
    data.countBy(ENTITY.case, 'department', filter),
    data.count(ENTITY.case, overdueFilter(filter, now)),
    Promise.all(
      ageFilters(filter, now).map(async ([name, ageFilter]) => [name, await data.count(ENTITY.case, ageFilter)]),
    ),
  ]);
  const byAge: Record<string, number> = {};
  for (const [name, count] of ages as [string, number][]) if (count > 0) byAge[name] = count;
  return {
    total: byState.reduce((sum, group) => sum + group.count, 0),
    overdue,
    byState: keyed(byState),
    byDepartment: keyed(byDepartment),
    byAge,
  };
}

/** The filter narrowed to overdue cases: open states (within any asked for) past their due time. */
export function overdueFilter(filter: Filter, now: Date): Filter {
  const asked = filter.status?.in;
  const states = Array.isArray(asked) ? OPEN_STATES.filter((state) => asked.includes(state)) : OPEN_STATES;
  return { ...filter, status: { in: states }, dueAt: { lt: now.toISOString() } };
}

export const AGE_BUCKET_NAMES: readonly string[] = [...AGE_BUCKETS.map((bucket) => bucket.name), OLDEST_BUCKET];

/** The filter narrowed to one age bucket, exactly as the board counts it (its drill-down). */
export function ageBucketFilter(bucket: string, filter: Filter, now: Date): Filter | undefined {
  return ageFilters(filter, now).find(([name]) => name === bucket)?.[1];
}

/** One filter per age bucket over the cases not closed, youngest first. */
function ageFilters(filter: Filter, now: Date): [string, Filter][] {
  const notClosed = { ...filter.status, ne: 'closed' };
  const hoursAgo = (hours: number) => new Date(now.getTime() - hours * 3_600_000).toISOString();
  const buckets: [string, Filter][] = [];
  let newer: string | undefined;
  for (const bucket of AGE_BUCKETS) {
    const older = hoursAgo(bucket.hours);
    buckets.push([
      bucket.name,
      { ...filter, status: notClosed, createdAt: { gt: older, ...(newer ? { lte: newer } : {}) } },
    ]);
    newer = older;
  }
  buckets.push([OLDEST_BUCKET, { ...filter, status: notClosed, createdAt: { lte: newer } }]);
  return buckets;
}

/** Groups as `{ value: count }`; a case without the value counts under `''`. */
export function keyed(groups: CountedGroup[]): Record<string, number> {
  return Object.fromEntries(groups.map((group) => [group.value === null ? '' : String(group.value), group.count]));
}
