import nodemailer from 'nodemailer';
import type SMTPPool from 'nodemailer/lib/smtp-pool/index.js';

export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer | string;
}

export interface OutgoingMail {
  to: string[];
  subject: string;
  text: string;
  attachments?: MailAttachment[];
  /**
   * Becomes the Message-ID: a copy sent again for the same key (a retried job) is recognisably
   * the same message to the receiving side.
   */
  idempotencyKey: string;
}

/** The engine's way out to email; `null` where no SMTP server is configured. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
}

/**
 * Mail through the SMTP server at `url` (`smtp://user:password@host:port`, `smtps://` for
 * implicit TLS), as nodemailer reads such URLs. One pooled connection at a time is enough for
 * scheduled reports and keeps the engine polite to the city's relay.
 */
export function smtpMailer(options: { url: string; from: string; timeoutMs?: number }): Mailer {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const pooled: SMTPPool.Options = {
    url: options.url,
    pool: true,
    maxConnections: 1,
    connectionTimeout: timeoutMs,
    socketTimeout: timeoutMs,
  };
  const transport = nodemailer.createTransport(pooled);
  const domain = options.from.includes('@') ? options.from.slice(options.from.lastIndexOf('@') + 1) : 'kiban';
  return {
    async send(mail) {
      const info = await transport.sendMail({
        from: options.from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        attachments: mail.attachments,
        messageId: `<${mail.idempotencyKey}@${domain.replace(/[>\s]/g, '')}>`,
      });
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}

/** The configured mailer, or null when the engine has no SMTP server (deliveries then fail, saying so). */
export function mailerOf(config: { smtpUrl?: string; mailFrom: string }): Mailer | null {
  return config.smtpUrl ? smtpMailer({ url: config.smtpUrl, from: config.mailFrom }) : null;
}

/** SMTP replies 5xx are permanent (no such mailbox, refused); everything else may pass on a later try. */
export function isPermanentMailError(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500;
}
