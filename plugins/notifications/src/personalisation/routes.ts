import type { Hono, PluginContext, PluginHttpEnv } from '@kiban/sdk';
import { residentOf } from '../roles.ts';
import { deleteSignals, hasConsent, signalsOf } from './signals.ts';

/**
 * The resident's own behaviour history: `GET /my-signals` (consent and what was recorded),
 * `DELETE /my-signals` (all of it) and `DELETE /my-signals/:id` (one).
 */
export function signalRoutes(app: Hono<PluginHttpEnv>, ctx: PluginContext): void {
  app.get('/my-signals', async (c) => {
    const resident = residentOf(c.get('actor'));
    const [enabled, signals] = await Promise.all([hasConsent(ctx.sql, resident.id), signalsOf(ctx.sql, resident.id)]);
    return c.json({ enabled, signals });
  });
  app.delete('/my-signals', async (c) => {
    const resident = residentOf(c.get('actor'));
    return c.json({ deleted: await deleteSignals(ctx.sql, resident.id) });
  });
  app.delete('/my-signals/:id', async (c) => {
    const resident = residentOf(c.get('actor'));
    const id = c.req.param('id');
    if (!/^[0-9]{1,18}$/.test(id)) return c.json({ deleted: 0 });
    return c.json({ deleted: await deleteSignals(ctx.sql, resident.id, id) });
  });
}
