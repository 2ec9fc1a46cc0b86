import type { IncomingMessage, ServerResponse } from 'node:http';
import { PluginError } from '@kiban/sdk';
import type { Context } from 'hono';

/** The Node request and response a route runs on; `oidc-provider` is a Koa application and needs them. */
export interface NodeExchange {
  request: IncomingMessage & { originalUrl?: string; body?: Buffer };
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
 * Hands the request to a Node handler mounted at `mountPath`: it sees the path below the mount
 * (`originalUrl` keeps the whole one, which is how the provider learns where it is mounted).
 */
export async function handOver(
  c: Context,
  exchange: NodeExchange,
  mountPath: string,
  handler: (request: IncomingMessage, response: ServerResponse) => Promise<void> | void,
): Promise<Response> {
  const { request, response } = exchange;
  // The engine's body limit may already have started reading the Node stream into the web
  // request; the whole body from there is what the handler gets (as an upstream parser's `body`).
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') request.body = Buffer.from(await c.req.arrayBuffer());
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
