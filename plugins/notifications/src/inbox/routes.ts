import type { Hono, PluginContext, PluginHttpEnv } from '@kiban/sdk';
import { SYSTEM } from '../campaigns/campaign-record.ts';
import { notFound, principalOf } from '../roles.ts';
import { inboxWithFamily } from './family-inbox.ts';
import { listInbox, markRead, unreadCount } from './inbox-store.ts';

const LANGUAGES = ['ja', 'en', 'zh-Hans', 'zh-Hant', 'ko', 'vi', 'ja-easy'];

/**
 * The signed-in person's own inbox under `/api/plugins/notifications/inbox`: list, unread count,
 * mark read — a resident's notices, or a member of staff's workflow messages.
 */
export function inboxRoutes(app: Hono<PluginHttpEnv>, ctx: PluginContext): void {
  app.get('/inbox', async (c) => {
    const reader = principalOf(c.get('actor'));
    const limit = Math.min(100, Math.max(1, Number.parseInt(c.req.query('limit') ?? '20', 10) || 20));
    const before = c.req.query('before');
    const language = c.req.query('language') ?? 'ja';
    const options = {
      limit,
      before: before && /^[0-9]{1,18}$/.test(before) ? before : undefined,
      language: LANGUAGES.includes(language) ? language : 'ja',
    };
    // Family links are between residents; staff read their own workflow messages only.
    const items =
      reader.principalKind === 'resident'
        ? await inboxWithFamily(ctx, reader, options)
        : await listInbox(ctx, reader.id, options);
    return c.json({ items });
  });
  app.get('/inbox/unread-count', async (c) =>
    c.json({ unread: await unreadCount(ctx, principalOf(c.get('actor')).id) }),
  );
  app.post('/inbox/:id/read', async (c) => {
    const reader = principalOf(c.get('actor'));
    const id = c.req.param('id');
    const marked = /^[0-9]{1,18}$/.test(id) && (await ctx.transaction(SYSTEM, () => markRead(ctx, reader.id, id)));
    if (!marked) throw notFound();
    return c.json({ read: true, unread: await unreadCount(ctx, reader.id) });
  });
}
