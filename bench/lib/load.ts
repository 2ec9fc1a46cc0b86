/** One request the load generator sends, and the status that counts as success. */
export interface LoadRequest {
  url: string;
  init?: RequestInit;
  expectStatus: number;
  /** Text the body must contain as well, where the status alone says too little (`"active":true`). */
  expectBodyContains?: string;
}

export interface RoundResult {
  requestsPerSecond: number;
  /** Per-request latency in ms, request start to last body byte, in issue order. */
  latenciesMs: Float64Array;
  /**
   * CPU time of this whole process (user + system, every thread) during the round, per
   * request: the server under test, and the load generator, whose share is alike for any
   * server answering the same requests. The database's CPU is not in it.
   */
  cpuMsPerRequest: number;
}

export interface RoundOptions {
  requests: number;
  /** Requests in flight at any time; each in-flight slot reuses its keep-alive connection. */
  concurrency: number;
}

/**
 * Sends `requests` requests built by `build(i)` with a fixed number in flight, using the
 * process's fetch (undici, keep-alive). Every body is read in full, as a real client
 * would. An unexpected status stops the round and fails it: a benchmark of error
 * responses measures nothing.
 */
export async function runRound(build: (index: number) => LoadRequest, options: RoundOptions): Promise<RoundResult> {
  const latenciesMs = new Float64Array(options.requests);
  let issued = 0;
  let failure: Error | undefined;
  const slot = async () => {
    while (failure === undefined && issued < options.requests) {
      const index = issued++;
      const request = build(index);
      const started = performance.now();
      try {
        const response = await fetch(request.url, request.init);
        const body = await response.text();
        latenciesMs[index] = performance.now() - started;
        const unexpected =
          response.status !== request.expectStatus ||
          (request.expectBodyContains !== undefined && !body.includes(request.expectBodyContains));
        if (unexpected) {
          failure ??= new Error(
            `${request.init?.method ?? 'GET'} ${request.url} answered ${response.status}, expected ${request.expectStatus}${request.expectBodyContains ? ` with ${request.expectBodyContains}` : ''}: ${body.slice(0, 300)}`,
          );
        }
      } catch (error) {
        failure ??= error instanceof Error ? error : new Error(String(error));
      }
    }
  };
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  await Promise.all(Array.from({ length: options.concurrency }, slot));
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  if (failure) throw failure;
  return {
    requestsPerSecond: options.requests / seconds,
    latenciesMs,
    cpuMsPerRequest: (cpu.user + cpu.system) / 1000 / options.requests,
  };
}
