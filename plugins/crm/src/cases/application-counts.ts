import type { Actor, PluginContext } from '@kiban/sdk';
import { ENTITY, SYSTEM } from '../entities.ts';

const PAGE = 200;
/** The counts read at most this many applications; beyond it they say they are truncated. */
const MAX_APPLICATIONS = 20_000;

export interface ApplicationCounts {
  total: number;
  truncated: boolean;
  byStatus: Record<string, number>;
  /** By the connected system's name. */
  bySystem: Record<string, number>;
}

/**
 * The applications held in the city's other systems (#47) beside the cases on the manager's
 * view: counted by their status and by system, over the applications the caller may read.
 */
export async function applicationCounts(ctx: PluginContext, actor: Actor): Promise<ApplicationCounts> {
  const counts: ApplicationCounts = { total: 0, truncated: true, byStatus: {}, bySystem: {} };
  const bySystemId: Record<string, number> = {};
  for (let offset = 0; offset < MAX_APPLICATIONS; offset += PAGE) {
    const page = await ctx
      .data(actor)
      .list(ENTITY.application, { fields: ['id', 'status', 'system'], sort: 'id', limit: PAGE, offset });
    for (const row of page) {
      counts.total += 1;
      add(counts.byStatus, String(row.status));
      add(bySystemId, String(row.system));
    }
    if (page.length < PAGE) {
      counts.truncated = false;
      break;
    }
  }
  // System names are not personal data; the plugin reads them for the labels.
  const ids = Object.keys(bySystemId);
  const systems =
    ids.length === 0
      ? []
      : await ctx.data(SYSTEM).list(ENTITY.system, { filter: { id: { in: ids } }, fields: ['id', 'name'], limit: 200 });
  const names = new Map(systems.map((system) => [String(system.id), String(system.name)]));
  for (const [id, count] of Object.entries(bySystemId)) counts.bySystem[names.get(id) ?? id] = count;
  return counts;
}

function add(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}
