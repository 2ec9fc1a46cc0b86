import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** What a sandbox does with the next requests: answer with an error status, or never answer. */
export interface SandboxFaults {
  /** The next `count` requests get `status` (500 by default). */
  failNext(count: number, status?: number): void;
  /** The next `count` requests get no answer, so the caller times out. */
  hangNext(count: number): void;
}

export interface SandboxServer extends SandboxFaults {
  readonly url: string;
  close(): Promise<void>;
}

/** `raw` is the body's bytes, for a contract whose body is not text (an encrypted push message). */
type Handler = (request: IncomingMessage, body: string, response: ServerResponse, raw: Buffer) => void;

/** A loopback HTTP server that applies the scheduled faults before `handler`. */
export async function startSandboxHttp(port: number, handler: Handler): Promise<SandboxServer> {
  const faults: Array<{ status: number } | 'hang'> = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const fault = faults.shift();
    if (fault === 'hang') {
      hanging.add(response);
      return;
    }
    if (fault) {
      response.writeHead(fault.status, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ message: 'sandbox fault' }));
      return;
    }
    const raw = Buffer.concat(chunks);
    handler(request, raw.toString('utf8'), response, raw);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${bound}`,
    failNext(count, status = 500) {
      for (let index = 0; index < count; index += 1) faults.push({ status });
    },
    hangNext(count) {
      for (let index = 0; index < count; index += 1) faults.push('hang');
    },
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  response.writeHead(status, { 'content-type': 'application/json', ...headers });
  response.end(JSON.stringify(body));
}
