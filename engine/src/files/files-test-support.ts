import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { TestClient, TestEngine } from '../testing/index.ts';

/** The app the file suites run against: `Permit` with two file fields, residents and clerks. */
export const FILES_APP = join(import.meta.dirname, 'test-app');

/** A small but real PDF: a file-type signature match, whatever the name. */
export function pdfBytes(size = 1024): Uint8Array {
  const head = Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n', 'latin1');
  const body = Buffer.alloc(Math.max(0, size - head.length - 6), 0x20);
  return new Uint8Array(Buffer.concat([head, body, Buffer.from('%%EOF\n')]));
}

/** A PNG signature and its IHDR chunk: enough for content detection. */
export function pngBytes(): Uint8Array {
  const ihdr = Buffer.from('0000000d49484452000000010000000108060000001f15c489', 'hex');
  const iend = Buffer.from('0000000049454e44ae426082', 'hex');
  return new Uint8Array(Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), ihdr, iend]));
}

/** A Windows program (an MZ/PE header) — whatever it is named, it is no PDF. */
export function exeBytes(): Uint8Array {
  const bytes = Buffer.alloc(512);
  bytes.write('MZ', 0, 'latin1');
  bytes.writeUInt32LE(0x80, 0x3c);
  bytes.write('PE\0\0', 0x80, 'latin1');
  return new Uint8Array(bytes);
}

export function uploadFile(
  host: TestEngine,
  client: TestClient,
  path: string,
  body: Uint8Array | ReadableStream<Uint8Array>,
  name: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return app(host).request(`${path}?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    headers: {
      ...(client.cookie ? { cookie: client.cookie } : {}),
      'content-type': 'application/octet-stream',
      ...headers,
    },
    body,
    duplex: 'half',
  } as RequestInit);
}

export async function download(host: TestEngine, client: TestClient | undefined, path: string): Promise<Response> {
  return app(host).request(path, { headers: client?.cookie ? { cookie: client.cookie } : {} });
}

/** What is left of files anywhere: rows, stored objects and uploads being received. */
/** The engine's Hono app, whose `request` answers a promise for a request it is given. */
function app(host: TestEngine) {
  return { request: async (path: string, init: RequestInit) => host.engine.app.request(path, init) };
}

export async function fileTraces(host: TestEngine): Promise<{ rows: number; objects: string[]; spooled: string[] }> {
  const [row] = await host.engine.live().sql().query<{ rows: number }>('select count(*)::int as rows from kiban_file');
  const dataDir = host.engine.config.dataDir;
  return {
    rows: row.rows,
    objects: await filesUnder(join(dataDir, 'files')),
    spooled: await filesUnder(join(dataDir, 'uploads')),
  };
}

async function filesUnder(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries.filter((entry) => entry.isFile()).map((entry) => entry.name);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}
