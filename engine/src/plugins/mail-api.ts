import { type MailApi, PluginError } from '@kiban/sdk';
import type { Mailer } from '../mail/index.ts';

/**
 * `ctx.mail`: the engine's one SMTP mailer, shared with its own scheduled reports. Without an
 * SMTP server a send is refused (503 `mail.notConfigured`), never silently dropped, so a plugin
 * that promised someone a message can say it was not sent.
 */
export function createMailApi(mailer: Mailer | null): MailApi {
  return {
    configured: mailer !== null,
    async send(mail) {
      if (!mailer) {
        throw new PluginError('mail.notConfigured', 503, {
          ja: 'メールの送信先サーバーが設定されていません（KIBAN_SMTP_URL）。',
          en: 'No mail server is configured (KIBAN_SMTP_URL).',
        });
      }
      return mailer.send(mail);
    },
  };
}
