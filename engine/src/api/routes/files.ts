import { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import type { ReadableStream as NodeReadableStream } from 'node:stream/web';
import type { Context } from 'hono';
import { Hono } from 'hono';
import type { Principal } from '../../access/index.ts';
import type { FileService, OpenedFile } from '../../files/index.ts';
import type { RecordScope } from '../../records/index.ts';
import type { ApiEnv } from '../env.ts';

/** Upload, download, signed URL and removal of a record's file field, under `/api/data`. */
export function fileRoutes(files: FileService) {
  const routes = new Hono<ApiEnv>();
  const scopeOf = (c: Context<ApiEnv>): RecordScope => ({ live: c.var.live, principal: c.var.principal as Principal });

  routes.post('/:entity/:id/files/:field', async (c) => {
    const { entity, id, field } = c.req.param();
    const length = c.req.header('content-length');
    const file = await files.upload(scopeOf(c), entity, id, field, requestBody(c), {
      name: c.req.query('name') ?? '',
      declaredLength: length === undefined ? undefined : Number(length),
    });
    return c.json(file, 201);
  });

  routes.get('/:entity/:id/files/:field', async (c) => {
    const { entity, id, field } = c.req.param();
    return send(c, await files.open(scopeOf(c), entity, id, field));
  });

  routes.post('/:entity/:id/files/:field/url', async (c) => {
    const { entity, id, field } = c.req.param();
    return c.json(await files.signedUrl(scopeOf(c), entity, id, field));
  });

  routes.delete('/:entity/:id/files/:field', async (c) => {
    const { entity, id, field } = c.req.param();
    await files.remove(scopeOf(c), entity, id, field);
    return c.body(null, 204);
  });

  return routes;
}

/** `GET /api/files/:id?expires&signature`: the signed URL is the credential, so no session is needed. */
export function signedFileRoutes(files: FileService) {
  const routes = new Hono<ApiEnv>();
  routes.get('/:id', async (c) =>
    send(c, await files.openSigned(c.req.param('id'), c.req.query('expires'), c.req.query('signature'))),
  );
  return routes;
}

/**
 * The request body as a Node stream: behind the Node server the socket's own stream, which
 * spares a detour through a web stream of small chunks; otherwise (in-process requests) the
 * web stream converted.
 */
function requestBody(c: Context<ApiEnv>): Readable {
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming;
  if (incoming instanceof IncomingMessage) return incoming;
  const raw = c.req.raw.body;
  return raw ? Readable.fromWeb(raw as NodeReadableStream<Uint8Array>) : Readable.from([]);
}

/**
 * Streams a file as an attachment of its detected type. `nosniff` and the sandboxing CSP keep
 * a browser from treating the bytes as anything else; the URL is private to its holder.
 */
function send(c: Context<ApiEnv>, { file, content }: OpenedFile): Response {
  c.header('Content-Type', file.contentType);
  c.header('Content-Length', String(file.size));
  c.header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`);
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Content-Security-Policy', "default-src 'none'; sandbox");
  c.header('Cache-Control', 'private, no-store');
  // RFC 9530: the digest of the whole file, which the client can check what it received against.
  c.header('Repr-Digest', `sha-256=:${Buffer.from(file.sha256, 'hex').toString('base64')}:`);
  return c.body(Readable.toWeb(content) as ReadableStream);
}
