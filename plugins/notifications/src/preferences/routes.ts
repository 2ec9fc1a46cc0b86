import type { Hono, PluginContext, PluginHttpEnv } from '@kiban/sdk';
import { residentOf } from '../roles.ts';

/** `GET /preferences`: the resident's switches, contacts, quiet hours and official-notice channel. */
export function preferenceRoutes(app: Hono<PluginHttpEnv>, ctx: PluginContext): void {
  app.get('/preferences', async (c) => {
    const resident = residentOf(c.get('actor'));
    const [preferences, contacts, quiet, official] = await Promise.all([
      ctx.sql.query(
        'select category, channel, enabled from preference where recipient = $1 order by category, channel',
        [resident.id],
      ),
      ctx.sql.query('select channel, address, language from contact where recipient = $1 order by channel', [
        resident.id,
      ]),
      ctx.sql.query<{ starts: string; ends: string }>(
        `select to_char(starts, 'HH24:MI') as starts, to_char(ends, 'HH24:MI') as ends from quiet_hours where recipient = $1`,
        [resident.id],
      ),
      ctx.sql.query<{ channel: string }>('select channel from official_channel where recipient = $1', [resident.id]),
    ]);
    return c.json({
      preferences: preferences.rows,
      contacts: contacts.rows,
      quietHours: quiet.rows[0] ?? null,
      officialChannel: official.rows[0]?.channel ?? 'inbox',
    });
  });
}
