import { isPluginError } from '@kiban/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { smtpMailer } from '../mail/index.ts';
import { startSmtpServer } from '../mail/smtp-test-server.ts';
import { createMailApi } from './mail-api.ts';

describe('ctx.mail', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  beforeAll(async () => {
    smtp = await startSmtpServer();
  });
  afterAll(() => smtp?.close());

  it('sends one message through the engine mailer, its Message-ID from the idempotency key', async () => {
    const mailer = smtpMailer({ url: smtp.url, from: 'city@example.jp' });
    const mail = createMailApi(mailer);
    expect(mail.configured).toBe(true);
    await mail.send({ to: ['resident@example.jp'], subject: '確認', text: '本文', idempotencyKey: 'link-1' });
    mailer.close();
    expect(smtp.received).toHaveLength(1);
    expect(smtp.received[0].recipients).toEqual(['resident@example.jp']);
    expect(smtp.received[0].mail.messageId).toBe('<link-1@example.jp>');
    expect(smtp.received[0].mail.text?.trim()).toBe('本文');
  });

  it('refuses without an SMTP server instead of dropping the message', async () => {
    const mail = createMailApi(null);
    expect(mail.configured).toBe(false);
    const refused = await mail
      .send({ to: ['a@example.jp'], subject: 's', text: 't', idempotencyKey: 'k' })
      .catch((e) => e);
    expect(isPluginError(refused) && refused.code).toBe('mail.notConfigured');
    expect(refused.status).toBe(503);
  });
});
