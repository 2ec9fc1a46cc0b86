import { readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';

/**
 * PGlite's data directory belongs to one process. While an engine runs on it, the address of
 * its loopback PostgreSQL endpoint is written beside the directory, so that a second process
 * (`kiban user create` while `kiban serve` runs) connects to the running one instead of opening
 * the directory twice.
 */
interface Endpoint {
  url: string;
  pid: number;
}

function endpointFile(dataDir: string): string {
  return join(dirname(dataDir), 'embedded-database.json');
}

/** The running engine's endpoint for `dataDir`, or none when no live process serves it. */
export async function runningEndpoint(dataDir: string): Promise<string | undefined> {
  const text = await readFile(endpointFile(dataDir), 'utf8').catch(() => undefined);
  if (text === undefined) return undefined;
  try {
    const endpoint = JSON.parse(text) as Endpoint;
    if (endpoint.pid === process.pid) return undefined;
    // Signal 0 only asks whether the process exists; a stale file from a crash points nowhere.
    process.kill(endpoint.pid, 0);
    return endpoint.url;
  } catch {
    return undefined;
  }
}

export async function announceEndpoint(dataDir: string, url: string): Promise<void> {
  await writeFile(endpointFile(dataDir), JSON.stringify({ url, pid: process.pid } satisfies Endpoint), {
    mode: 0o600,
  });
}

/** Removes the announcement, unless another process has since taken the directory over. */
export async function withdrawEndpoint(dataDir: string): Promise<void> {
  const text = await readFile(endpointFile(dataDir), 'utf8').catch(() => undefined);
  if (text !== undefined && (JSON.parse(text) as Endpoint).pid === process.pid) {
    await rm(endpointFile(dataDir), { force: true });
  }
}
