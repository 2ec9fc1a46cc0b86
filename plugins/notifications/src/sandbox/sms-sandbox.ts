import { randomUUID } from 'node:crypto';
import { type SandboxServer, sendJson, startSandboxHttp } from './http.ts';

export interface SandboxSms {
  to: string;
  from: string;
  body: string;
  sid: string;
}

/**
 * The SMS sandbox: a local HTTP server with the message-create contract of Twilio's
 * Programmable Messaging API (Basic auth, form-encoded To/From/Body, 201 with a `sid`, 400 with
 * code 21211 for a number that is not E.164). It sends no SMS; it records what it accepted.
 */
export async function startSmsSandbox(options: {
  accountSid: string;
  authToken: string;
  port?: number;
}): Promise<SandboxServer & { readonly messages: SandboxSms[] }> {
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
    messages.push({ to, from: form.get('From') ?? '', body: form.get('Body') ?? '', sid });
    sendJson(response, 201, { sid, status: 'queued', to });
  });
  return Object.assign(server, { messages });
}
