import type { Hono, PluginContext, PluginHttpEnv } from '@kiban/sdk';
import { PluginError } from '@kiban/sdk';
import { callerOf, FACILITY_ROLE, SHELTER_SEARCH_ROLE, withRole } from '../roles.ts';
import { householdStatus } from '../shelter/evacuation-status.ts';
import { occupancy, searchEvacuees } from '../shelter/stays.ts';

/** Shelter reads: the list (anyone signed in), occupancy (desk staff), search (disaster response). */
export function shelterRoutes(app: Hono<PluginHttpEnv>, ctx: PluginContext): void {
  app.get('/shelters', async (c) => {
    callerOf(c.get('actor'));
    const ward = c.req.query('ward');
    const found = await ctx.sql.query(
      `select id, ward, name, address, latitude, longitude from shelter
       where $1::text is null or ward = $1 order by ward, id limit 1000`,
      [ward ?? null],
    );
    return c.json({ shelters: found.rows });
  });
  app.get('/shelters/occupancy', async (c) => {
    withRole(c.get('actor'), FACILITY_ROLE);
    return c.json(await occupancy(ctx));
  });
  app.get('/shelters/evacuees', async (c) => {
    const staff = withRole(c.get('actor'), SHELTER_SEARCH_ROLE);
    const name = c.req.query('name')?.trim() ?? '';
    if (name.length < 1 || name.length > 50) {
      const message = { ja: '検索する名前を 1〜50 文字で指定してください。', en: 'Give a name of 1–50 characters.' };
      throw new PluginError('citizenCard.badQuery', 400, message, [
        { pointer: '/query/name', code: 'citizenCard.badQuery', message },
      ]);
    }
    return c.json(await searchEvacuees(ctx, staff, name));
  });
  app.get('/household/evacuation', async (c) => {
    const caller = callerOf(c.get('actor'));
    return c.json(await householdStatus(ctx, caller.id));
  });
}
