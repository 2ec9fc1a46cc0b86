import nodemailer from 'nodemailer';
import { type ChannelSender, type OutgoingMessage, outcomeOfError, type SendOutcome } from './message.ts';

/** The Message-ID of an email, from its idempotency key: a bounce names it, so it finds the delivery. */
export function emailMessageId(idempotencyKey: string, messageIdDomain: string): string {
  return `<${idempotencyKey}@${messageIdDomain}>`;
}

/** DKIM signing as the settings give it: the signing domain, the selector its DNS record sits under, and the key. */
export interface DkimSigning {
  domainName: string;
  keySelector: string;
  privateKey: string;
}

/**
 * The headers signed. RFC 8058 asks that both unsubscribe headers be covered by the DKIM
 * signature, so a relay cannot turn the one-click link into something else.
 */
const DKIM_SIGNED_HEADERS = [
  'From',
  'To',
  'Subject',
  'Date',
  'Message-ID',
  'MIME-Version',
  'Content-Type',
  'Content-Transfer-Encoding',
  'List-Unsubscribe',
  'List-Unsubscribe-Post',
].join(':');

/**
 * Email over SMTP with nodemailer. Every message carries RFC 8058 one-click unsubscribe headers
 * (`List-Unsubscribe` with an HTTPS URL and `List-Unsubscribe-Post`) and a Message-ID derived
 * from the idempotency key, so a resent copy is recognisably the same message. Where the server
 * offers DSN (RFC 3461), the envelope asks for delivery status notifications with the headers
 * returned and the idempotency key as envelope id; they go to `bounceAddress` (else `from`) and
 * come back through the signed bounce callback as receipts. With `dkim` every message is signed
 * (RSA-SHA256) before it leaves, unsubscribe headers included.
 */
export function emailSender(options: {
  host: string;
  port: number;
  secure?: boolean;
  user?: string;
  password?: string;
  from: string;
  bounceAddress?: string;
  timeoutMs: number;
  messageIdDomain: string;
  dkim?: DkimSigning;
}): ChannelSender {
  const transport = nodemailer.createTransport({
    host: options.host,
    port: options.port,
    secure: options.secure ?? false,
    auth: options.user ? { user: options.user, pass: options.password ?? '' } : undefined,
    connectionTimeout: options.timeoutMs,
    socketTimeout: options.timeoutMs,
    pool: true,
    maxConnections: 2,
    ...(options.dkim ? { dkim: { ...options.dkim, headerFieldNames: DKIM_SIGNED_HEADERS } } : {}),
  });
  return {
    async send(message: OutgoingMessage): Promise<SendOutcome> {
      try {
        const info = await transport.sendMail({
          from: options.from,
          to: message.address,
          subject: message.subject ?? '',
          text: message.body,
          messageId: emailMessageId(message.idempotencyKey, options.messageIdDomain),
          envelope: { from: options.bounceAddress ?? options.from, to: message.address },
          dsn: { id: message.idempotencyKey, return: 'headers', notify: ['success', 'failure'] },
          headers: message.unsubscribeUrl
            ? {
                'List-Unsubscribe': `<${message.unsubscribeUrl}>`,
                'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
              }
            : {},
        });
        return { status: 'sending', reference: info.messageId };
      } catch (error) {
        return outcomeOfSmtpError(error);
      }
    },
    close() {
      transport.close();
    },
  };
}

/** 5xx replies are permanent (no such mailbox); 4xx and connection errors are worth another try. */
function outcomeOfSmtpError(error: unknown): SendOutcome {
  const code = (error as { responseCode?: number }).responseCode;
  if (typeof code === 'number' && code >= 500) {
    return { status: 'permanent-failure', error: `SMTP ${code}: ${(error as Error).message}`.slice(0, 300) };
  }
  return outcomeOfError(error);
}
