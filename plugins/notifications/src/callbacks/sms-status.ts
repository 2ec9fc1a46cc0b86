import type { Hono, PluginContext } from '@kiban/sdk';
import { SMS_STATUS_CALLBACK_PATH } from '../channels/index.ts';
import { refuse } from '../intake/signed-json.ts';
import { readSettings } from '../settings.ts';
import { verifyTwilio } from './signatures.ts';

/**
 * `POST /callbacks/sms`: Twilio's message status callback, signed with the auth token. A
 * `delivered` status marks the delivery delivered; `undelivered` or `failed` a permanent
 * failure with Twilio's error code. Other statuses (`queued`, `sent`) change nothing.
 */
export function smsStatusRoute(app: Hono, ctx: PluginContext): void {
  app.post('/callbacks/sms', async (c) => {
    const settings = await readSettings(ctx);
    const raw = await c.req.text();
    const params = new URLSearchParams(raw);
    // Twilio signs the URL it was given, which is built from publicBaseUrl.
    const url = settings.publicBaseUrl ? new URL(SMS_STATUS_CALLBACK_PATH, settings.publicBaseUrl).toString() : '';
    if (
      !settings.smsAuthToken ||
      !url ||
      !verifyTwilio(settings.smsAuthToken, url, params, c.req.header('x-twilio-signature'))
    ) {
      throw refuse('badSignature', 401, '署名が正しくありません。', 'The signature is not valid.');
    }
    const sid = params.get('MessageSid') ?? '';
    const status = params.get('MessageStatus') ?? '';
    if (status === 'delivered') {
      await ctx.sql.query(
        `update delivery set status = 'delivered', delivered_at = coalesce(delivered_at, now())
          where channel = 'sms' and provider_reference = $1 and status in ('sending', 'delivered')`,
        [sid],
      );
    } else if (status === 'undelivered' || status === 'failed') {
      await ctx.sql.query(
        `update delivery set status = 'permanent-failure', last_error = $2
          where channel = 'sms' and provider_reference = $1 and status = 'sending'`,
        [sid, `Twilio ${status}${params.get('ErrorCode') ? ` (error ${params.get('ErrorCode')})` : ''}`],
      );
    }
    return c.body(null, 204);
  });
}
