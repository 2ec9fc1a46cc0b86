import type { Actor, PluginContext } from '@kiban/sdk';
import { ENTITY, SYSTEM } from '../entities.ts';
import { keyed } from './board-counts.ts';

export interface ApplicationCounts {
  total: number;
  byStatus: Record<string, number>;
  /** By the connected system's name. */
  bySystem: Record<string, number>;
}

/**
 * The applications held in the city's other systems (#47) beside the cases on the manager's
 * view: counted by their status and by system in SQL, over the applications the caller may read.
 */
export async function applicationCounts(ctx: PluginContext, actor: Actor): Promise<ApplicationCounts> {
  const data = ctx.data(actor);
  const [byStatus, bySystemId] = await Promise.all([
    data.countBy(ENTITY.application, 'status'),
    data.countBy(ENTITY.application, 'system'),
  ]);
  // System names are not personal data; the plugin reads them for the labels.
  const ids = bySystemId.map((group) => String(group.value));
  const systems =
    ids.length === 0
      ? []
      : await ctx.data(SYSTEM).list(ENTITY.system, { filter: { id: { in: ids } }, fields: ['id', 'name'], limit: 200 });
  const names = new Map(systems.map((system) => [String(system.id), String(system.name)]));
  const bySystem: Record<string, number> = {};
  for (const group of bySystemId) bySystem[names.get(String(group.value)) ?? String(group.value)] = group.count;
  return { total: byStatus.reduce((sum, group) => sum + group.count, 0), byStatus: keyed(byStatus), bySystem };
}
