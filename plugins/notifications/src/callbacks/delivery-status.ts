import { simpleParser } from 'mailparser';

/** One recipient's fate in a delivery status notification (RFC 3464). */
export interface RecipientStatus {
  /** `Final-Recipient`'s address, lower-cased. */
  recipient: string;
  /** `failed`, `delayed`, `delivered`, `relayed` or `expanded`. */
  action: string;
  /** The enhanced status code (RFC 3463), e.g. `5.1.1`. */
  status: string;
  diagnostic: string | null;
}

/** What a bounce says and which message it is about. */
export interface DeliveryReport {
  /** The `ENVID` the message was sent with, when the reporting server returns it. */
  envelopeId: string | null;
  /** The Message-ID in the returned headers of the original message. */
  messageId: string | null;
  recipients: RecipientStatus[];
}

/**
 * Reads a bounce or delivery report as mail servers send them: a `multipart/report` with a
 * `message/delivery-status` part and the original's headers. Null when the message is not one
 * (an autoreply, spam to the bounce mailbox).
 */
export async function readDeliveryReport(raw: string): Promise<DeliveryReport | null> {
  const mail = await simpleParser(raw, { keepDeliveryStatus: true });
  const status = mail.attachments.find((part) => part.contentType === 'message/delivery-status');
  if (!status) return null;
  const [perMessage = new Map<string, string>(), ...perRecipient] = fieldGroups(status.content.toString('utf8'));
  const returned = mail.attachments.find((part) => /^(text|message)\/rfc822(-headers)?$/.test(part.contentType));
  const messageId = returned?.content.toString('utf8').match(/^message-id:\s*(<[^>\s]+>)/im)?.[1] ?? null;
  const recipients = perRecipient.flatMap((fields) => {
    const recipient = addressOf(fields.get('final-recipient'));
    const action = fields.get('action')?.toLowerCase();
    const code = fields.get('status')?.match(/^[245]\.\d{1,3}\.\d{1,3}/)?.[0];
    return recipient && action && code
      ? [{ recipient, action, status: code, diagnostic: fields.get('diagnostic-code') ?? null }]
      : [];
  });
  return { envelopeId: perMessage.get('original-envelope-id') ?? null, messageId, recipients };
}

/** `rfc822; someone@example.jp` → `someone@example.jp`. */
function addressOf(value: string | undefined): string | null {
  const address = value?.split(';').at(-1)?.trim().toLowerCase();
  return address?.includes('@') ? address : null;
}

/**
 * The header-style field groups of a delivery-status body, separated by blank lines, with folded
 * lines joined and names lower-cased (RFC 3464 section 2.1).
 */
function fieldGroups(body: string): Map<string, string>[] {
  return body
    .replace(/\r\n/g, '\n')
    .split(/\n\s*\n/)
    .map((block) => {
      const group = new Map<string, string>();
      for (const line of block.replace(/\n[ \t]+/g, ' ').split('\n')) {
        const colon = line.indexOf(':');
        if (colon > 0) group.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
      }
      return group;
    })
    .filter((group) => group.size > 0);
}
