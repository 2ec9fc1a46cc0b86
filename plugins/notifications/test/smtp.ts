import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerEnvelope } from 'smtp-server';

/** A real SMTP server on a loopback port that parses and keeps what it receives (also as sent), and each envelope. */
export async function startSmtpServer(options: { rejectRecipient?: string } = {}) {
  const received: ParsedMail[] = [];
  const raw: Buffer[] = [];
  const envelopes: SMTPServerEnvelope[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    // Offers DSN (RFC 3461) as city relays such as Postfix do.
    hideDSN: false,
    logger: false,
    onRcptTo(address, _session, callback) {
      if (address.address === options.rejectRecipient) {
        const error = Object.assign(new Error('No such user'), { responseCode: 550 });
        return callback(error);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      simpleParser(stream)
        .then((mail) => {
          raw.push(Buffer.concat(chunks));
          received.push(mail);
          envelopes.push(session.envelope);
          callback();
        })
        .catch(callback);
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    port,
    received,
    raw,
    envelopes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
