import type { Hono, PluginContext } from '@kiban/sdk';
import { emailMessageId, messageIdDomain } from '../channels/index.ts';
import { refuse, signedBody } from '../intake/signed-json.ts';
import { readDeliveryReport } from './delivery-status.ts';

/**
 * `POST /callbacks/email`: the bounce mailbox's gateway posts each delivery status
 * notification it receives (the raw message, RFC 3464), signed like an intake call. A
 * `delivered` report marks the email delivered; a `failed` one a permanent failure with the
 * status code and the server's words (5.1.1 no such user, 4.2.2 mailbox full: the server gave
 * up either way). `delayed` and `relayed` change nothing. The email is found by the envelope id
 * it was sent with, else by the Message-ID in the returned headers, and the report must name
 * the address it was sent to.
 */
export function emailReportRoute(app: Hono, ctx: PluginContext): void {
  app.post('/callbacks/email', async (c) => {
    const { raw, settings } = await signedBody(c, ctx);
    const report = await readDeliveryReport(raw);
    const reference = report?.envelopeId
      ? emailMessageId(report.envelopeId, messageIdDomain(settings))
      : report?.messageId;
    if (!report || !reference) {
      throw refuse(
        'notADeliveryReport',
        422,
        '配信状況通知 (RFC 3464) ではないか、どのメールのものか分かりません。',
        'This is not a delivery status notification (RFC 3464), or it does not say which email it is about.',
      );
    }
    let updated = 0;
    for (const { recipient, action, status, diagnostic } of report.recipients) {
      if (action === 'delivered') {
        updated += (
          await ctx.sql.query(
            `update delivery set status = 'delivered', delivered_at = coalesce(delivered_at, now())
            where channel = 'email' and provider_reference = $1 and lower(address) = $2 and status = 'sending'`,
            [reference, recipient],
          )
        ).rowCount;
      } else if (action === 'failed') {
        updated += (
          await ctx.sql.query(
            `update delivery set status = 'permanent-failure', last_error = $3
            where channel = 'email' and provider_reference = $1 and lower(address) = $2 and status in ('sending', 'delivered')`,
            [reference, recipient, `DSN ${status}${diagnostic ? `: ${diagnostic}` : ''}`.slice(0, 300)],
          )
        ).rowCount;
      }
    }
    return c.json({ updated });
  });
}
