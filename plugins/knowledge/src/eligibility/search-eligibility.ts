import type { Actor, PluginContext, RecordData } from '@kiban/sdk';
import { listAll } from '../list-all.ts';
import { type ResidentPreference, readPreference } from '../residents/preferences.ts';
import { eligibleBenefitIds } from './eligible-benefits.ts';

/** How much an eligible benefit's score is raised among the results: above an equal match, not over a far better one. */
export const ELIGIBLE_BOOST = 1.25;

/** The resident searching and what they keep with the plugin; null for anyone else. */
export async function searchingResident(
  ctx: PluginContext,
  actor: Actor | undefined,
): Promise<{ id: string; preference: ResidentPreference } | null> {
  if (actor?.kind !== 'principal' || actor.principalKind !== 'resident') return null;
  return { id: actor.id, preference: await readPreference(ctx.sql, actor.id) };
}

/** Every published public benefit the consenting resident's records meet (for a search limited to them). */
export async function allEligibleIds(ctx: PluginContext, resident: string, today: string): Promise<Set<string>> {
  const benefits = await listAll(ctx, 'Benefit', { status: { eq: 'published' }, classification: { eq: 'public' } });
  return eligibleBenefitIds(ctx, resident, benefits, today);
}

/** Which of these benefit records the consenting resident's records meet. */
export async function eligibleAmong(
  ctx: PluginContext,
  resident: string,
  ids: string[],
  today: string,
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const records: RecordData[] = await ctx
    .data({ kind: 'system' })
    .list('Benefit', { filter: { id: { in: ids } }, limit: ids.length });
  return eligibleBenefitIds(ctx, resident, records, today);
}
