import { randomUUID } from 'node:crypto';
import { type SandboxServer, sendJson, startSandboxHttp } from './http.ts';

export interface SandboxLineMessage {
  to: string;
  text: string;
  retryKey: string | undefined;
  requestId: string;
}

/**
 * The LINE sandbox: a local HTTP server with the push-message contract of the LINE Messaging
 * API (bearer token, `X-Line-Retry-Key` answered 409 with `x-line-accepted-request-id` when
 * repeated, 400 for a bad body). It delivers nothing to anyone; it records what it accepted.
 */
export async function startLineSandbox(options: {
  accessToken: string;
  port?: number;
}): Promise<SandboxServer & { readonly messages: SandboxLineMessage[] }> {
  const messages: SandboxLineMessage[] = [];
  const accepted = new Map<string, string>();
  const server = await startSandboxHttp(options.port ?? 0, (request, body, response) => {
    if (request.method !== 'POST' || request.url !== '/v2/bot/message/push') {
      return sendJson(response, 404, { message: 'Not found' });
    }
    if (request.headers.authorization !== `Bearer ${options.accessToken}`) {
      return sendJson(response, 401, {
        message: 'Authentication failed. Confirm that the access token in the authorization header is valid.',
      });
    }
    const retryKey = request.headers['x-line-retry-key'] as string | undefined;
    const earlier = retryKey ? accepted.get(retryKey) : undefined;
    if (earlier) {
      return sendJson(
        response,
        409,
        { message: 'The retry key is already accepted' },
        { 'x-line-accepted-request-id': earlier },
      );
    }
    const parsed = parse(body);
    const text = parsed?.messages?.[0]?.text;
    if (!parsed || typeof parsed.to !== 'string' || !/^U[0-9a-f]{32}$/.test(parsed.to) || typeof text !== 'string') {
      return sendJson(response, 400, { message: 'The request body has 1 error(s)', details: [{ property: 'to' }] });
    }
    const requestId = randomUUID();
    if (retryKey) accepted.set(retryKey, requestId);
    messages.push({ to: parsed.to, text, retryKey, requestId });
    sendJson(
      response,
      200,
      { sentMessages: [{ id: String(messages.length), quoteToken: requestId }] },
      { 'x-line-request-id': requestId },
    );
  });
  return Object.assign(server, { messages });
}

function parse(body: string): { to?: unknown; messages?: Array<{ type?: string; text?: unknown }> } | undefined {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
