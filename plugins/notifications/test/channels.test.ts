import { generateKeyPairSync } from 'node:crypto';
import { dkimVerify } from 'mailauth/lib/dkim/verify.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailSender } from '../src/channels/email.ts';
import { senderFor } from '../src/channels/index.ts';
import { lineSender } from '../src/channels/line.ts';
import { smsSender } from '../src/channels/sms.ts';
import { startLineSandbox, startSmsSandbox } from '../src/sandbox/index.ts';
import { startSmtpServer } from './smtp.ts';

const LINE_USER = `U${'0123456789abcdef'.repeat(2)}`;

describe('email over SMTP to a real local server', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  beforeAll(async () => {
    smtp = await startSmtpServer({ rejectRecipient: 'nobody@example.jp' });
  });
  afterAll(() => smtp?.close());

  const sender = () =>
    emailSender({
      host: '127.0.0.1',
      port: smtp.port,
      from: '札幌市 <noreply@city.example.jp>',
      timeoutMs: 5000,
      messageIdDomain: 'city.example.jp',
    });

  it('sends the message with RFC 8058 one-click unsubscribe headers and a stable Message-ID', async () => {
    const email = sender();
    const outcome = await email.send({
      idempotencyKey: 'kiban-delivery-7',
      address: 'hanako@example.jp',
      language: 'ja',
      subject: '3歳児健診のお知らせ',
      body: '山田 花子 様',
      unsubscribeUrl: 'https://city.example.jp/api/public/notifications/unsubscribe?token=abc.def',
    });
    email.close?.();
    expect(outcome).toEqual({ status: 'sending', reference: '<kiban-delivery-7@city.example.jp>' });
    const mail = smtp.received.at(-1);
    expect(mail?.subject).toBe('3歳児健診のお知らせ');
    expect(mail?.text?.trim()).toBe('山田 花子 様');
    expect(mail?.messageId).toBe('<kiban-delivery-7@city.example.jp>');
    // Unfolded: a long header may be folded onto a continuation line.
    const header = (key: string) => mail?.headerLines.find((line) => line.key === key)?.line.replace(/\r\n\s+/g, ' ');
    expect(header('list-unsubscribe-post')).toBe('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
    expect(header('list-unsubscribe')).toBe(
      'List-Unsubscribe: <https://city.example.jp/api/public/notifications/unsubscribe?token=abc.def>',
    );
  });

  it('signs with DKIM, unsubscribe headers included, so a receiver verifies the message and a changed link fails', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const record = `v=DKIM1; k=rsa; p=${publicKey.export({ type: 'spki', format: 'der' }).toString('base64')}`;
    // The receiver's DNS, answering only the selector's record.
    const resolver = async (name: string, type: string) => {
      if (type === 'TXT' && name === 'kiban2026._domainkey.city.example.jp') return [[record]];
      throw Object.assign(new Error(`no ${type} ${name}`), { code: 'ENOTFOUND' });
    };
    const email = emailSender({
      host: '127.0.0.1',
      port: smtp.port,
      from: '札幌市 <noreply@city.example.jp>',
      timeoutMs: 5000,
      messageIdDomain: 'city.example.jp',
      dkim: {
        domainName: 'city.example.jp',
        keySelector: 'kiban2026',
        privateKey: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
      },
    });
    await email.send({
      idempotencyKey: 'kiban-delivery-8',
      address: 'hanako@example.jp',
      language: 'ja',
      subject: '給付金のお知らせ',
      body: '山田 花子 様',
      unsubscribeUrl: 'https://city.example.jp/api/public/notifications/unsubscribe?token=abc.def',
    });
    email.close?.();
    const sent = smtp.raw.at(-1) as Buffer;
    const [signature] = (await dkimVerify(sent, { resolver })).results;
    expect(signature?.status.result).toBe('pass');
    expect(signature?.signingDomain).toBe('city.example.jp');
    const signedHeaders = String(signature?.signingHeaders?.keys).toLowerCase().split(': ');
    expect(signedHeaders).toEqual(expect.arrayContaining(['list-unsubscribe', 'list-unsubscribe-post']));

    const tampered = Buffer.from(sent.toString().replace('token=abc.def', 'token=evil.def'));
    const [broken] = (await dkimVerify(tampered, { resolver })).results;
    expect(broken?.status.result).toBe('fail');
  });

  it('refuses to send unsigned mail when signing is set up without its key', () => {
    const email = { host: '127.0.0.1', port: smtp.port, from: 'noreply@city.example.jp' };
    const dkim = { domainName: 'city.example.jp', keySelector: 'kiban2026' };
    expect(senderFor('email', { email: { ...email, dkim } })).toEqual({ missing: 'dkimPrivateKey' });
    const unsigned = senderFor('email', { email });
    expect(unsigned).toHaveProperty('sender');
    if ('sender' in unsigned) unsigned.sender.close?.();
  });

  it('treats a 5xx refusal as permanent and an unreachable server as worth retrying', async () => {
    const email = sender();
    const refused = await email.send({ idempotencyKey: 'k1', address: 'nobody@example.jp', language: 'ja', body: 'x' });
    email.close?.();
    expect(refused).toMatchObject({ status: 'permanent-failure', error: expect.stringContaining('550') });
    const closed = emailSender({
      host: '127.0.0.1',
      port: 1,
      from: 'a@example.jp',
      timeoutMs: 2000,
      messageIdDomain: 'x',
    });
    expect(
      (await closed.send({ idempotencyKey: 'k2', address: 'a@example.jp', language: 'ja', body: 'x' })).status,
    ).toBe('retry');
    closed.close?.();
  });
});

describe('LINE Messaging API against the LINE sandbox', () => {
  let sandbox: Awaited<ReturnType<typeof startLineSandbox>>;
  beforeAll(async () => {
    sandbox = await startLineSandbox({ accessToken: 'token-1' });
  });
  afterAll(() => sandbox?.close());

  it('pushes a text message once, and a retry with the same key counts as sent without a second message', async () => {
    const line = lineSender({ endpoint: sandbox.url, accessToken: 'token-1', timeoutMs: 2000 });
    const message = {
      idempotencyKey: 'kiban-delivery-1',
      address: LINE_USER,
      language: 'ja',
      subject: '件名',
      body: '本文',
    };
    const first = await line.send(message);
    const again = await line.send(message);
    expect(first.status).toBe('sending');
    expect(again).toEqual(first);
    expect(sandbox.messages).toHaveLength(1);
    expect(sandbox.messages[0]).toMatchObject({ to: LINE_USER, text: '件名\n\n本文' });
  });

  it('retries 5xx and timeouts, and gives up at once on a refused request', async () => {
    const line = lineSender({ endpoint: sandbox.url, accessToken: 'token-1', timeoutMs: 300 });
    sandbox.failNext(1, 503);
    expect((await line.send({ idempotencyKey: 'a', address: LINE_USER, language: 'ja', body: 'x' })).status).toBe(
      'retry',
    );
    sandbox.hangNext(1);
    const timedOut = await line.send({ idempotencyKey: 'b', address: LINE_USER, language: 'ja', body: 'x' });
    expect(timedOut).toMatchObject({ status: 'retry', error: expect.stringMatching(/TimeoutError/) });
    expect((await line.send({ idempotencyKey: 'c', address: 'not-a-user', language: 'ja', body: 'x' })).status).toBe(
      'permanent-failure',
    );
    const unauthorised = lineSender({ endpoint: sandbox.url, accessToken: 'wrong', timeoutMs: 300 });
    expect(
      (await unauthorised.send({ idempotencyKey: 'd', address: LINE_USER, language: 'ja', body: 'x' })).status,
    ).toBe('permanent-failure');
  });
});

describe('SMS against the SMS sandbox (Twilio contract)', () => {
  let sandbox: Awaited<ReturnType<typeof startSmsSandbox>>;
  beforeAll(async () => {
    sandbox = await startSmsSandbox({ accountSid: 'AC123', authToken: 'secret' });
  });
  afterAll(() => sandbox?.close());

  it('sends to an E.164 number and refuses another form permanently', async () => {
    const sms = smsSender({
      endpoint: sandbox.url,
      accountSid: 'AC123',
      authToken: 'secret',
      from: '+815000000000',
      timeoutMs: 2000,
    });
    const sent = await sms.send({
      idempotencyKey: 'x',
      address: '+819012345678',
      language: 'ja',
      body: '健診のお知らせ',
    });
    expect(sent).toMatchObject({ status: 'sending', reference: expect.stringMatching(/^SM/) });
    expect(sandbox.messages).toEqual([
      expect.objectContaining({ to: '+819012345678', from: '+815000000000', body: '健診のお知らせ' }),
    ]);
    const refused = await sms.send({ idempotencyKey: 'y', address: '090-1234-5678', language: 'ja', body: 'x' });
    expect(refused).toMatchObject({ status: 'permanent-failure', error: expect.stringContaining('21211') });
    sandbox.failNext(1, 500);
    expect((await sms.send({ idempotencyKey: 'z', address: '+819012345678', language: 'ja', body: 'x' })).status).toBe(
      'retry',
    );
  });
});
