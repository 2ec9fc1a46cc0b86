import type { Hono, PluginContext, PluginHttpEnv } from '@kiban/sdk';
import { PluginError } from '@kiban/sdk';
import { currentCard } from '../credential/issue.ts';
import { callerOf } from '../roles.ts';
import { shelterRoutes } from './shelter-routes.ts';

/** Reads under `/api/plugins/citizen-card` for the signed-in; changes go through actions. */
export function cardRoutes(app: Hono<PluginHttpEnv>, ctx: PluginContext): void {
  app.get('/credential', async (c) => {
    const caller = callerOf(c.get('actor'));
    const card = await currentCard(ctx, caller.id, new Date());
    if (!card) {
      throw new PluginError('citizenCard.noCard', 404, {
        ja: '有効な市民カードがありません。',
        en: 'There is no valid citizen card.',
      });
    }
    return c.json(card, 200, { 'cache-control': 'private, no-cache' });
  });
  app.get('/visits', async (c) => {
    const caller = callerOf(c.get('actor'));
    const found = await ctx.sql.query(
      'select profile, site, visited_at from facility_visit where principal_id = $1 order by visited_at desc limit 100',
      [caller.id],
    );
    return c.json({ visits: found.rows });
  });
  shelterRoutes(app, ctx);
}
