/** One plain-text email, as the engine's mail port sends it. */
export interface PluginMail {
  to: string[];
  subject: string;
  text: string;
  /**
   * Becomes the Message-ID: a copy sent again for the same key (a retried job) is recognisably
   * the same message to the receiving side.
   */
  idempotencyKey: string;
}

/**
 * The engine's way out to email (`KIBAN_SMTP_URL`, from `KIBAN_MAIL_FROM`), for a plugin's own
 * transactional mail such as a one-time verification link. Campaigns and resident preferences
 * belong to the notifications plugin; this is one message to one address, now.
 */
export interface MailApi {
  /** Whether the engine has an SMTP server; without one `send` refuses with 503 `mail.notConfigured`. */
  readonly configured: boolean;
  send(mail: PluginMail): Promise<{ messageId: string }>;
}
