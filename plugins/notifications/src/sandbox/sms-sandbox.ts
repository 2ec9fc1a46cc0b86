import { randomUUID } from 'node:crypto';
import { twilioSignature } from '../callbacks/signatures.ts';
import { type SandboxServer, sendJson, startSandboxHttp } from './http.ts';

export interface SandboxSms {
  to: string;
  from: string;
  body: string;
  sid: string;
  statusCallback: string | undefined;
}

/**
 * The SMS sandbox: a local HTTP server with the message-create contract of Twilio's
 * Programmable Messaging API (Basic auth, form-encoded To/From/Body, 201 with a `sid`, 400 with
 * code 21211 for a number that is not E.164). It sends no SMS; it records what it accepted.
 * `report(sid, status)` plays the carrier: it posts the message's status to its
 * `StatusCallback`, form-encoded and signed with `X-Twilio-Signature` as Twilio does.
 */
export async function startSmsSandbox(options: { accountSid: string; authToken: string; port?: number }): Promise<
  SandboxServer & {
    readonly messages: SandboxSms[];
    report(
      sid: string,
      status: 'sent' | 'delivered' | 'undelivered' | 'failed',
      errorCode?: string,
      deliverTo?: string,
    ): Promise<number>;
  }
> {
  const messages: SandboxSms[] = [];
  const path = `/2010-04-01/Accounts/${options.accountSid}/Messages.json`;
  const expected = `Basic ${Buffer.from(`${options.accountSid}:${options.authToken}`).toString('base64')}`;
  const server = await startSandboxHttp(options.port ?? 0, (request, body, response) => {
    if (request.method !== 'POST' || request.url !== path)
      return sendJson(response, 404, { code: 20404, message: 'Not found' });
    if (request.headers.authorization !== expected)
      return sendJson(response, 401, { code: 20003, message: 'Authenticate' });
    const form = new URLSearchParams(body);
    const to = form.get('To') ?? '';
    if (!/^\+[1-9][0-9]{6,14}$/.test(to)) {
      return sendJson(response, 400, { code: 21211, message: `The 'To' number ${to} is not a valid phone number.` });
    }
    const sid = `SM${randomUUID().replaceAll('-', '')}`;
    const statusCallback = form.get('StatusCallback') ?? undefined;
    messages.push({ to, from: form.get('From') ?? '', body: form.get('Body') ?? '', sid, statusCallback });
    sendJson(response, 201, { sid, status: 'queued', to });
  });
  /** Posts the status to the message's callback URL (rewritten to `deliverTo` when given); the answer's status. */
  async function report(sid: string, status: string, errorCode?: string, deliverTo?: string): Promise<number> {
    const message = messages.find((candidate) => candidate.sid === sid);
    if (!message?.statusCallback) throw new Error(`no status callback for ${sid}`);
    const params = new URLSearchParams({
      AccountSid: options.accountSid,
      MessageSid: sid,
      MessageStatus: status,
      To: message.to,
    });
    if (errorCode) params.set('ErrorCode', errorCode);
    const response = await fetch(deliverTo ?? message.statusCallback, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'x-twilio-signature': twilioSignature(options.authToken, message.statusCallback, params),
      },
      body: params,
    });
    return response.status;
  }
  return Object.assign(server, { messages, report });
}
