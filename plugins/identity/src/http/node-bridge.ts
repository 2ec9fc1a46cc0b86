import { IncomingMessage, type ServerResponse } from 'node:http';
import { PluginError } from '@kiban/sdk';
import type { Context } from 'hono';

/** The Node request and response a route runs on; `oidc-provider` is a Koa application and needs them. */
export interface NodeExchange {
  request: IncomingMessage & { originalUrl?: string };
  response: ServerResponse;
}

/** What `@hono/node-server` takes for "the handler already wrote the response". */
const ALREADY_SENT_HEADER = 'x-hono-already-sent';

export function nodeExchange(c: Context): NodeExchange {
  const env = c.env as { incoming?: IncomingMessage; outgoing?: ServerResponse } | undefined;
  if (!env?.incoming || !env.outgoing) {
    throw new PluginError('identity.needsHttpServer', 501, {
      ja: 'ID連携はHTTPサーバー経由でのみ利用できます。',
      en: 'The identity provider answers only through the HTTP server.',
    });
  }
  return { request: env.incoming, response: env.outgoing };
}

/**
 * The exchange for a Node application that reads the request body itself, as `oidc-provider`
 * does: the socket's own stream, unread. The engine reads a body ahead only when it came
 * without a declared length (chunked), to count it against its limit; that body is handed on
 * as a request carrying the same headers and those bytes, so the application still reads a
 * stream and never a body parsed before it.
 */
export async function unreadExchange(c: Context): Promise<NodeExchange> {
  const exchange = nodeExchange(c);
  const { request } = exchange;
  if (!request.readableDidRead && !request.readableEnded) return exchange;
  return { ...exchange, request: replayed(request, Buffer.from(await c.req.arrayBuffer())) };
}

function replayed(original: IncomingMessage, body: Buffer): IncomingMessage {
  const copy = new IncomingMessage(original.socket);
  copy.method = original.method;
  copy.url = original.url;
  copy.httpVersion = original.httpVersion;
  copy.httpVersionMajor = original.httpVersionMajor;
  copy.httpVersionMinor = original.httpVersionMinor;
  copy.headers = original.headers;
  copy.rawHeaders = original.rawHeaders;
  copy.complete = true;
  if (body.length > 0) copy.push(body);
  copy.push(null);
  return copy;
}

/**
 * Hands the request to a Node handler mounted at `mountPath`: it sees the path below the mount
 * (`originalUrl` keeps the whole one, which is how the provider learns where it is mounted).
 */
export async function handOver(
  exchange: NodeExchange,
  mountPath: string,
  handler: (request: IncomingMessage, response: ServerResponse) => Promise<void> | void,
): Promise<Response> {
  const { request, response } = exchange;
  const url = request.url ?? '/';
  request.originalUrl = url;
  request.url = url.startsWith(mountPath) ? url.slice(mountPath.length) || '/' : url;
  await handler(request, response);
  return alreadySent();
}

/**
 * Tells the server the Node response was written directly. The server's own `Response` keeps a
 * null-bodied response in a fast path that ignores the header; reading `body` once moves it to
 * the ordinary path, which honours it.
 */
export function alreadySent(): Response {
  const response = new Response(null, { headers: { [ALREADY_SENT_HEADER]: 'true' } });
  void response.body;
  return response;
}
