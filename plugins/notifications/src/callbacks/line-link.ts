import { randomBytes } from 'node:crypto';
import type { Hono, PluginContext, PluginHttpEnv } from '@kiban/sdk';
import { refuse } from '../intake/signed-json.ts';
import { residentOf } from '../roles.ts';
import { readSettings } from '../settings.ts';
import { verifyLine } from './signatures.ts';

const NONCE_MINUTES = 10;

interface LineEvent {
  type?: string;
  source?: { type?: string; userId?: string };
  link?: { result?: string; nonce?: string };
}

/**
 * LINE account linking, as LINE documents it: (1) a user who adds the city's LINE account
 * (`follow`) gets a link token from `POST /v2/bot/user/{userId}/linkToken` and a message with
 * the portal's link page (`/line-link?linkToken=`, the sign-in first when not signed in);
 * (2) from there, signed in, `GET /line/link?linkToken=` makes a one-time
 * nonce for the resident and redirects to LINE's `dialog/bot/accountLink`; (3) LINE's
 * `accountLink` webhook event brings the nonce back with the user id, which becomes the
 * resident's LINE contact. Webhooks are checked with `x-line-signature`.
 */
export function lineLinkRoute(app: Hono<PluginHttpEnv>, ctx: PluginContext): void {
  app.get('/line/link', async (c) => {
    const resident = residentOf(c.get('actor'));
    const linkToken = c.req.query('linkToken') ?? '';
    const settings = await readSettings(ctx);
    if (!/^[A-Za-z0-9_-]{1,200}$/.test(linkToken) || !settings.line) {
      throw refuse('badLinkToken', 400, 'リンクが正しくありません。', 'The link is not valid.');
    }
    const nonce = randomBytes(32).toString('base64url');
    await ctx.sql.query('insert into line_link_nonce (nonce, recipient) values ($1, $2)', [nonce, resident.id]);
    const dialog = new URL('/dialog/bot/accountLink', settings.line.accountLinkEndpoint ?? 'https://access.line.me');
    dialog.searchParams.set('linkToken', linkToken);
    dialog.searchParams.set('nonce', nonce);
    return c.redirect(dialog.toString(), 302);
  });
}

export function lineWebhookRoute(app: Hono, ctx: PluginContext): void {
  app.post('/callbacks/line', async (c) => {
    const settings = await readSettings(ctx);
    const raw = await c.req.text();
    if (!settings.lineChannelSecret || !verifyLine(settings.lineChannelSecret, raw, c.req.header('x-line-signature'))) {
      throw refuse('badSignature', 401, '署名が正しくありません。', 'The signature is not valid.');
    }
    const events = (JSON.parse(raw) as { events?: LineEvent[] }).events ?? [];
    for (const event of events) {
      const userId = event.source?.userId;
      if (!userId || !/^U[0-9a-f]{32}$/.test(userId)) continue;
      if (event.type === 'follow') await offerLink(ctx, userId);
      if (event.type === 'accountLink' && event.link?.result === 'ok' && event.link.nonce) {
        await linkAccount(ctx, event.link.nonce, userId);
      }
    }
    return c.json({});
  });
}

async function linkAccount(ctx: PluginContext, nonce: string, userId: string): Promise<void> {
  const { rows } = await ctx.sql.query<{ recipient: string }>(
    `delete from line_link_nonce where nonce = $1 and created_at > now() - make_interval(mins => $2)
     returning recipient::text as recipient`,
    [nonce, NONCE_MINUTES],
  );
  const recipient = rows[0]?.recipient;
  if (!recipient) return;
  await ctx.sql.query(
    `insert into contact (recipient, channel, address) values ($1, 'line', $2)
     on conflict (recipient, channel) do update set address = excluded.address`,
    [recipient, userId],
  );
  ctx.logger.info('LINE account linked', { recipient });
}

/** Issues a link token for the new follower and sends them the portal's link page. */
async function offerLink(ctx: PluginContext, userId: string): Promise<void> {
  const settings = await readSettings(ctx);
  if (!settings.line || !settings.lineChannelAccessToken || !settings.publicBaseUrl) return;
  const headers = { authorization: `Bearer ${settings.lineChannelAccessToken}`, 'content-type': 'application/json' };
  const timeout = settings.providerTimeoutMs ?? 10_000;
  const issued = await fetch(new URL(`/v2/bot/user/${userId}/linkToken`, settings.line.endpoint), {
    method: 'POST',
    headers,
    signal: AbortSignal.timeout(timeout),
  });
  if (!issued.ok) {
    ctx.logger.warn('LINE link token refused', { status: issued.status });
    return;
  }
  const { linkToken } = (await issued.json()) as { linkToken: string };
  // The portal page: it shows the sign-in first to a resident who is not signed in.
  const link = new URL('/line-link', settings.publicBaseUrl);
  link.searchParams.set('linkToken', linkToken);
  await fetch(new URL('/v2/bot/message/push', settings.line.endpoint), {
    method: 'POST',
    headers,
    body: JSON.stringify({
      to: userId,
      messages: [
        {
          type: 'text',
          text: `市からのお知らせを LINE で受け取るには、こちらから連携してください。\n${link.toString()}`,
        },
      ],
    }),
    signal: AbortSignal.timeout(timeout),
  });
}
