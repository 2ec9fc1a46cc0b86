import type { Hono, PluginContext, PublicRoutes } from '@kiban/sdk';
import { emailReportRoute } from './callbacks/email-report.ts';
import { lineWebhookRoute } from './callbacks/line-link.ts';
import { smsStatusRoute } from './callbacks/sms-status.ts';
import { verifyToken } from './delivery/signed-token.ts';
import { intakeRoutes } from './intake/routes.ts';
import { refuse } from './intake/signed-json.ts';
import { readSettings } from './settings.ts';

/**
 * Without signing in: the one-click unsubscribe of emails (RFC 8058), the intake of official
 * notices from other systems (HMAC-signed, with an idempotency key), and the providers' signed
 * callbacks (Twilio message status, LINE webhooks) and the bounce mailbox's delivery reports.
 */
export const publicRoutes: PublicRoutes = {
  rateLimit: { requests: 120, perSeconds: 60 },
  routes(app: Hono, ctx: PluginContext) {
    app.post('/unsubscribe', async (c) => {
      const settings = await readSettings(ctx);
      const token = c.req.query('token') ?? '';
      const claim = settings.unsubscribeSecret ? verifyToken(settings.unsubscribeSecret, token) : undefined;
      if (!claim?.r || !claim.c) throw refuse('badToken', 400, 'リンクが正しくありません。', 'The link is not valid.');
      await ctx.sql.query(
        `insert into preference (recipient, category, channel, enabled) values ($1, $2, 'email', false)
         on conflict (recipient, category, channel) do update set enabled = false`,
        [claim.r, claim.c],
      );
      return c.json({ unsubscribed: { category: claim.c, channel: 'email' } });
    });
    // A GET (a link scanner, a preview) never unsubscribes; it shows the button that POSTs.
    app.get('/unsubscribe', (c) => {
      const token = (c.req.query('token') ?? '').replace(/[^A-Za-z0-9._-]/g, '');
      return c.html(
        `<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>配信停止 / Unsubscribe</title></head><body><main>` +
          `<h1>メールの配信停止 / Unsubscribe</h1><form method="post" action="?token=${token}">` +
          `<input type="hidden" name="List-Unsubscribe" value="One-Click">` +
          `<button type="submit">配信を停止する / Unsubscribe</button></form></main></body></html>`,
      );
    });

    intakeRoutes(app, ctx);
    smsStatusRoute(app, ctx);
    emailReportRoute(app, ctx);
    lineWebhookRoute(app, ctx);
  },
};
