import { randomBytes, randomUUID } from 'node:crypto';
import { lineSignature } from '../callbacks/signatures.ts';
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
 *
 * Account linking as LINE documents it: `POST /v2/bot/user/{userId}/linkToken` issues a link
 * token; `GET /dialog/bot/accountLink?linkToken=&nonce=` plays the user agreeing in LINE and
 * posts the `accountLink` webhook event (signed with `x-line-signature`) to `webhookUrl`;
 * `follow(userId)` posts a `follow` event, as when a user adds the account.
 */
export async function startLineSandbox(options: {
  accessToken: string;
  channelSecret?: string;
  port?: number;
}): Promise<
  SandboxServer & {
    readonly messages: SandboxLineMessage[];
    webhookUrl: string | undefined;
    follow(userId: string): Promise<number>;
  }
> {
  const messages: SandboxLineMessage[] = [];
  const accepted = new Map<string, string>();
  const linkTokens = new Map<string, string>();
  const webhook = async (event: Record<string, unknown>): Promise<number> => {
    if (!sandbox.webhookUrl || !options.channelSecret) throw new Error('the LINE sandbox has no webhook URL or secret');
    const body = JSON.stringify({
      destination: 'Usandbox',
      events: [{ ...event, timestamp: Date.now(), webhookEventId: randomUUID(), mode: 'active' }],
    });
    const response = await fetch(sandbox.webhookUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-line-signature': lineSignature(options.channelSecret, body) },
      body,
    });
    return response.status;
  };
  const server = await startSandboxHttp(options.port ?? 0, async (request, body, response) => {
    const url = new URL(request.url ?? '/', 'http://sandbox');
    if (request.method === 'GET' && url.pathname === '/dialog/bot/accountLink') {
      const userId = linkTokens.get(url.searchParams.get('linkToken') ?? '');
      const nonce = url.searchParams.get('nonce');
      if (!userId || !nonce) return sendJson(response, 400, { message: 'invalid link token' });
      linkTokens.delete(url.searchParams.get('linkToken') ?? '');
      // An unreachable webhook is the answer "not linked", never an unhandled rejection.
      const status = await webhook({
        type: 'accountLink',
        source: { type: 'user', userId },
        link: { result: 'ok', nonce },
      }).catch(() => 0);
      return sendJson(response, 200, { linked: status === 200 });
    }
    if (request.headers.authorization !== `Bearer ${options.accessToken}`) {
      return sendJson(response, 401, {
        message: 'Authentication failed. Confirm that the access token in the authorization header is valid.',
      });
    }
    const linkFor = /^\/v2\/bot\/user\/(U[0-9a-f]{32})\/linkToken$/.exec(url.pathname)?.[1];
    if (request.method === 'POST' && linkFor) {
      const linkToken = randomBytes(24).toString('base64url');
      linkTokens.set(linkToken, linkFor);
      return sendJson(response, 200, { linkToken });
    }
    if (request.method !== 'POST' || url.pathname !== '/v2/bot/message/push') {
      return sendJson(response, 404, { message: 'Not found' });
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
  const sandbox = Object.assign(server, {
    messages,
    webhookUrl: undefined as string | undefined,
    follow: (userId: string) => webhook({ type: 'follow', source: { type: 'user', userId }, replyToken: randomUUID() }),
  });
  return sandbox;
}

function parse(body: string): { to?: unknown; messages?: Array<{ type?: string; text?: unknown }> } | undefined {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
