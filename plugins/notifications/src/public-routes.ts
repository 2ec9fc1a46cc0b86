import { type Hono, type PluginContext, PluginError, type PublicRoutes } from '@kiban/sdk';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { SYSTEM } from './campaigns/campaign-record.ts';
import { verifyToken } from './delivery/signed-token.ts';
import { verifyIntake } from './notices/intake-signature.ts';
import { issueNotice } from './notices/notice-store.ts';
import { readSettings } from './settings.ts';

const ajv = new Ajv2020({ allErrors: true });
addFormats.default(ajv);

const noticeSchema = {
  type: 'object',
  required: ['recipient', 'category', 'title', 'body', 'issuer'],
  additionalProperties: false,
  properties: {
    recipient: { type: 'string', format: 'uuid' },
    category: { type: 'string', minLength: 1, maxLength: 50 },
    title: { type: 'string', minLength: 1, maxLength: 200 },
    body: { type: 'string', minLength: 1, maxLength: 20_000 },
    issuer: { type: 'string', minLength: 1, maxLength: 100 },
  },
};
const validNotice = ajv.compile<{ recipient: string; category: string; title: string; body: string; issuer: string }>(
  noticeSchema,
);

const refuse = (code: string, status: number, ja: string, en: string, details: PluginError['details'] = []) =>
  new PluginError(`notifications.${code}`, status, { ja, en }, details);

/**
 * Without signing in: the one-click unsubscribe of emails (RFC 8058) and the intake of official
 * notices from other systems (HMAC-signed, with an idempotency key).
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

    app.post('/intake/notices', async (c) => {
      const settings = await readSettings(ctx);
      const raw = await c.req.text();
      if (!settings.intakeSecret)
        throw refuse('intakeClosed', 503, '受付は設定されていません。', 'Intake is not configured.');
      const verdict = verifyIntake(
        settings.intakeSecret,
        { signature: c.req.header('x-kiban-signature'), timestamp: c.req.header('x-kiban-timestamp') },
        raw,
      );
      if (verdict !== 'ok')
        throw refuse('badSignature', 401, '署名が正しくありません。', `The signature is ${verdict}.`);
      const key = c.req.header('idempotency-key');
      if (!key || key.length > 200) {
        throw refuse(
          'idempotencyKeyRequired',
          400,
          'Idempotency-Key が必要です。',
          'An Idempotency-Key header is required.',
        );
      }
      let body: unknown;
      try {
        body = JSON.parse(raw);
      } catch {
        throw refuse('badJson', 400, '本文が JSON ではありません。', 'The body is not JSON.');
      }
      if (!validNotice(body)) {
        const details = (validNotice.errors ?? []).map((error) => ({
          pointer: error.instancePath || '/',
          code: `schema.${error.keyword}`,
          message: { ja: error.message ?? '', en: error.message ?? '' },
        }));
        throw refuse('invalidNotice', 422, '通知の内容が正しくありません。', 'The notice is not valid.', details);
      }
      const notice = await ctx.transaction(SYSTEM, async () => {
        const issued = await issueNotice(ctx, { ...body, idempotencyKey: `${body.issuer}:${key}` });
        if (issued.created) {
          await ctx.audit({
            actor: SYSTEM,
            action: 'notifications.noticeIssued',
            details: { noticeId: issued.id, issuer: body.issuer },
          });
        }
        return issued;
      });
      return c.json({ notice }, notice.created ? 201 : 200);
    });
  },
};
