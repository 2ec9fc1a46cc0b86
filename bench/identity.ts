import { loadavg } from 'node:os';
import identity from '../plugins/identity/src/index.ts';
import { codeFlow, type IdentityFixture, prepareIdentity } from './identity/fixture.ts';
import { measureSignIn } from './identity/sign-in.ts';
import { withBenchDatabase } from './lib/bench-database.ts';
import { startBenchEngine } from './lib/bench-engine.ts';
import { type LoadRequest, runRound } from './lib/load.ts';
import { type LoadProcess, startLoadProcess } from './lib/load-process.ts';
import { median, percentile, sortedSamples } from './lib/stats.ts';
import { formatTable } from './lib/table.ts';

const ROUNDS = 3;
const CONCURRENCY = 8;
const TOKEN_REQUESTS = 60;
const INTROSPECTIONS = 1_500;
const INTROSPECTION_TARGET = 1_000;

/** `KIBAN_BENCH_IDENTITY_ONLY=introspection` (comma-separated) runs only the measures named. */
const MEASURES = ['token', 'introspection', 'sign-in'] as const;
const only = process.env.KIBAN_BENCH_IDENTITY_ONLY?.split(',').map((name) => name.trim());
const wanted = (measure: (typeof MEASURES)[number]) => !only || only.includes(measure);

const loadAverages = () =>
  loadavg()
    .map((load) => load.toFixed(2))
    .join(' ');

/**
 * The identity plugin on PostgreSQL over HTTP: the token endpoint (authorization code → tokens,
 * PKCE and client authentication included), introspection, and password sign-in with argon2id,
 * each beside a baseline measured in the same run (`GET /api/auth/me`: one session look-up, the
 * cheapest authenticated engine request; for argon2, the hash verification alone). The requests
 * come from a load process of their own, so this process's CPU is the server's.
 */
export async function run(): Promise<void> {
  await withBenchDatabase(async (url) => {
    const bench = await startBenchEngine(url, [identity]);
    const server = await bench.engine.listen();
    const load = startLoadProcess();
    try {
      const fixture = await prepareIdentity(bench.engine, `http://127.0.0.1:${server.port}`);
      console.log(`load average at start: ${loadAverages()}`);
      const rows: string[][] = [];
      if (wanted('token')) rows.push(await measureTokenEndpoint(fixture, load));
      if (wanted('introspection')) rows.push(...(await measureIntrospection(fixture, load)));
      if (wanted('sign-in')) rows.push(await measureSignIn(bench.engine.live().sql(), fixture, load));
      console.log(`load average at end: ${loadAverages()}`);
      console.log(
        formatTable(
          ['measure', 'req/s', 'p50 ms', 'p99 ms', 'server CPU ms/req', 'baseline req/s', 'ratio', 'target'],
          rows,
        ),
      );
    } finally {
      await load.close();
      await server.close();
      await bench.close();
    }
  });
}

function meRequest(fixture: IdentityFixture): LoadRequest {
  return {
    url: `${fixture.origin}/api/auth/me`,
    init: { headers: { cookie: fixture.staffCookie } },
    expectStatus: 200,
  };
}

async function measure(
  load: LoadProcess,
  label: string,
  build: () => Promise<LoadRequest[]>,
  baseline: LoadRequest,
  requests: number,
  target?: number,
): Promise<string[]> {
  const rates: number[] = [];
  const baselineRates: number[] = [];
  const serverCpu: number[] = [];
  const samples: Float64Array[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const prepared = await build();
    const measured = await load.run(prepared, { requests, concurrency: CONCURRENCY });
    const base = await load.run([baseline], { requests, concurrency: CONCURRENCY });
    rates.push(measured.requestsPerSecond);
    baselineRates.push(base.requestsPerSecond);
    serverCpu.push(measured.serverCpuMsPerRequest);
    samples.push(measured.latenciesMs);
  }
  const rate = median(rates);
  return row(label, rate, sortedSamples(samples), median(serverCpu).toFixed(2), median(baselineRates), target);
}

function row(
  label: string,
  rate: number,
  sorted: Float64Array,
  serverCpu: string,
  baseRate: number,
  target?: number,
): string[] {
  return [
    label,
    rate.toFixed(0),
    percentile(sorted, 0.5).toFixed(2),
    percentile(sorted, 0.99).toFixed(2),
    serverCpu,
    baseRate.toFixed(0),
    `${(rate / baseRate).toFixed(2)}×`,
    target === undefined ? '-' : rate >= target ? `met (≥ ${target}/s)` : `missed (≥ ${target}/s)`,
  ];
}

/** Codes are made before each round (one authorization request each), then exchanged under load. */
async function measureTokenEndpoint(fixture: IdentityFixture, load: LoadProcess): Promise<string[]> {
  return measure(
    load,
    'token (code → tokens)',
    async () => {
      // Eight browsers at a time, so that every code is exchanged well within its 60 s lifetime.
      const codes: { code: string; verifier: string }[] = [];
      const started = performance.now();
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (codes.length < TOKEN_REQUESTS) codes.push(await codeFlow(fixture));
        }),
      );
      codes.length = TOKEN_REQUESTS;
      console.log(`${TOKEN_REQUESTS} codes made in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      return codes.map(({ code, verifier }) => ({
        url: `${fixture.issuer}/token`,
        init: {
          method: 'POST',
          headers: { authorization: fixture.basicAuth, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            code,
            code_verifier: verifier,
            redirect_uri: fixture.redirectUri,
          }).toString(),
        },
        expectStatus: 200,
      }));
    },
    meRequest(fixture),
    TOKEN_REQUESTS,
  );
}

/**
 * Introspections of one access token from the load process, and the same from this process
 * (the generator sharing the server's event loop and cores, as the first measurements did).
 */
async function measureIntrospection(fixture: IdentityFixture, load: LoadProcess): Promise<string[][]> {
  const request = await introspectionRequest(fixture);
  const separate = await measure(
    load,
    'introspection',
    async () => [request],
    meRequest(fixture),
    INTROSPECTIONS,
    INTROSPECTION_TARGET,
  );
  const rates: number[] = [];
  const baselineRates: number[] = [];
  const samples: Float64Array[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const measured = await runRound(() => request, { requests: INTROSPECTIONS, concurrency: CONCURRENCY });
    const base = await runRound(() => meRequest(fixture), { requests: INTROSPECTIONS, concurrency: CONCURRENCY });
    rates.push(measured.requestsPerSecond);
    baselineRates.push(base.requestsPerSecond);
    samples.push(measured.latenciesMs);
  }
  const inProcess = row(
    'introspection, load generator in the server process',
    median(rates),
    sortedSamples(samples),
    '-',
    median(baselineRates),
  );
  return [separate, inProcess];
}

async function introspectionRequest(fixture: IdentityFixture): Promise<LoadRequest> {
  const { code, verifier } = await codeFlow(fixture);
  const tokens = await fetch(`${fixture.issuer}/token`, {
    method: 'POST',
    headers: { authorization: fixture.basicAuth, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({
      grant_type: 'authorization_code',
      code,
      code_verifier: verifier,
      redirect_uri: fixture.redirectUri,
    }),
  });
  const { access_token: accessToken } = (await tokens.json()) as { access_token: string };
  return {
    url: `${fixture.issuer}/token/introspection`,
    init: {
      method: 'POST',
      headers: { authorization: fixture.basicAuth, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: accessToken }).toString(),
    },
    expectStatus: 200,
    // An inactive answer is a 200 too, and cheaper: only a live token counts.
    expectBodyContains: '"active":true',
  };
}
