import type { PluginContext } from '@kiban/sdk';
import { ANALYSIS_VERSION } from './search/index.ts';

/**
 * At start: when the stored passages were analysed by an older version of the analyser, queues
 * one `reindexAll` (its key makes every process of the upgrade queue the same one); a database
 * with no passages yet simply records the current version. Resolves to whether a job was queued.
 */
export async function reindexWhenAnalysisChanged(ctx: PluginContext): Promise<boolean> {
  const { rows } = await ctx.sql.query<{ version: number }>('select version from analysis_state');
  const stored = rows[0]?.version;
  if (stored === ANALYSIS_VERSION) return false;
  if (stored === undefined) {
    const { rows: written } = await ctx.sql.query('select 1 from passage limit 1');
    if (written.length === 0) {
      await ctx.sql.query('insert into analysis_state (version) values ($1) on conflict (id) do nothing', [
        ANALYSIS_VERSION,
      ]);
      return false;
    }
  }
  return ctx.jobs.enqueue(
    'reindexAll',
    { analysisVersion: ANALYSIS_VERSION },
    { key: `reindexAll:analysis-${ANALYSIS_VERSION}` },
  );
}

/** After `reindexAll` rewrote every passage with this version's analysis. */
export async function recordAnalysisVersion(ctx: PluginContext, version: number): Promise<void> {
  await ctx.sql.query(
    `insert into analysis_state (version) values ($1)
       on conflict (id) do update set version = excluded.version`,
    [version],
  );
}
