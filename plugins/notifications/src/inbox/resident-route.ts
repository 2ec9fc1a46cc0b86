import type { Hono, PluginContext, PluginHttpEnv } from '@kiban/sdk';
import { residentNotices } from './resident-notices.ts';

/** `GET /residents/:resident/inbox` for notifications staff: the panel under a resident profile (see `residentNotices`). */
export function residentInboxRoute(app: Hono<PluginHttpEnv>, ctx: PluginContext): void {
  app.get('/residents/:resident/inbox', async (c) => {
    const language = c.req.query('language') === 'en' ? 'en' : 'ja';
    const items = await residentNotices(ctx, c.get('actor'), c.req.param('resident'), language);
    return c.json({ items });
  });
}
