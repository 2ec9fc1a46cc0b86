import { Agent, request as httpRequest } from 'node:http';
import type { LoadRequest, RoundOptions, RoundResult } from './load.ts';

/**
 * `runRound` with `node:http` on a kept-alive agent instead of `fetch`: the same requests and
 * checks (status, expected body text, every body read in full), for a load process whose own
 * CPU should stay small beside the server's — undici's fetch costs about as much per request
 * as a cheap server answer does.
 */
export async function runHttpRound(build: (index: number) => LoadRequest, options: RoundOptions): Promise<RoundResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: options.concurrency });
  const latenciesMs = new Float64Array(options.requests);
  let issued = 0;
  let failure: Error | undefined;
  const slot = async () => {
    while (failure === undefined && issued < options.requests) {
      const index = issued++;
      const load = build(index);
      const started = performance.now();
      try {
        const { status, body } = await send(agent, load);
        latenciesMs[index] = performance.now() - started;
        const unexpected =
          status !== load.expectStatus ||
          (load.expectBodyContains !== undefined && !body.includes(load.expectBodyContains));
        if (unexpected) {
          failure ??= new Error(
            `${load.init?.method ?? 'GET'} ${load.url} answered ${status}, expected ${load.expectStatus}: ${body.slice(0, 300)}`,
          );
        }
      } catch (error) {
        failure ??= error instanceof Error ? error : new Error(String(error));
      }
    }
  };
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  try {
    await Promise.all(Array.from({ length: options.concurrency }, slot));
  } finally {
    agent.destroy();
  }
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  if (failure) throw failure;
  return {
    requestsPerSecond: options.requests / seconds,
    latenciesMs,
    cpuMsPerRequest: (cpu.user + cpu.system) / 1000 / options.requests,
  };
}

function send(agent: Agent, load: LoadRequest): Promise<{ status: number; body: string }> {
  const body = load.init?.body;
  if (body !== undefined && body !== null && typeof body !== 'string') {
    throw new Error('the load process sends string bodies only');
  }
  const headers: Record<string, string> = { ...(load.init?.headers as Record<string, string> | undefined) };
  if (body) headers['content-length'] = String(Buffer.byteLength(body));
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(load.url, { method: load.init?.method ?? 'GET', headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
      response.on('error', reject);
    });
    outgoing.on('error', reject);
    outgoing.end(body ?? undefined);
  });
}
