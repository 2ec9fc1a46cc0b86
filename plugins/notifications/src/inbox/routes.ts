import type { Hono, PluginContext, PluginHttpEnv } from '@kiban/sdk';
import { SYSTEM } from '../campaigns/campaign-record.ts';
import { notFound, residentOf } from '../roles.ts';
import { inboxWithFamily } from './family-inbox.ts';
import { markRead, unreadCount } from './inbox-store.ts';

const LANGUAGES = ['ja', 'en', 'zh-Hans', 'zh-Hant', 'ko', 'vi', 'ja-easy'];

/** The resident's inbox under `/api/plugins/notifications/inbox`: list, unread count, mark read. */
export function inboxRoutes(app: Hono<PluginHttpEnv>, ctx: PluginContext): void {
  app.get('/inbox', async (c) => {
    const resident = residentOf(c.get('actor'));
    const limit = Math.min(100, Math.max(1, Number.parseInt(c.req.query('limit') ?? '20', 10) || 20));
    const before = c.req.query('before');
    const language = c.req.query('language') ?? 'ja';
    const items = await inboxWithFamily(ctx, resident, {
      limit,
      before: before && /^[0-9]{1,18}$/.test(before) ? before : undefined,
      language: LANGUAGES.includes(language) ? language : 'ja',
    });
    return c.json({ items });
  });
  app.get('/inbox/unread-count', async (c) =>
    c.json({ unread: await unreadCount(ctx, residentOf(c.get('actor')).id) }),
  );
  app.post('/inbox/:id/read', async (c) => {
    const resident = residentOf(c.get('actor'));
    const id = c.req.param('id');
    const marked = /^[0-9]{1,18}$/.test(id) && (await ctx.transaction(SYSTEM, () => markRead(ctx, resident.id, id)));
    if (!marked) throw notFound();
    return c.json({ read: true, unread: await unreadCount(ctx, resident.id) });
  });
}
