import { argon2id, hash, verify } from 'argon2';
import identity from '../plugins/identity/src/index.ts';
import { codeFlow, type IdentityFixture, prepareIdentity } from './identity/fixture.ts';
import { withBenchDatabase } from './lib/bench-database.ts';
import { startBenchEngine } from './lib/bench-engine.ts';
import { type LoadRequest, runRound } from './lib/load.ts';
import { median, percentile, sortedSamples } from './lib/stats.ts';
import { formatTable } from './lib/table.ts';

const ROUNDS = 3;
const CONCURRENCY = 8;
const TOKEN_REQUESTS = 60;
const INTROSPECTIONS = 1_500;
const SIGN_INS = 20;
const INTROSPECTION_TARGET = 1_000;

/**
 * The identity plugin on PostgreSQL over HTTP: the token endpoint (authorization code → tokens,
 * PKCE and client authentication included), introspection, and password sign-in with argon2id,
 * each beside a baseline measured in the same run (`GET /api/auth/me`: one session look-up, the
 * cheapest authenticated engine request; for argon2, the hash verification alone).
 */
export async function run(): Promise<void> {
  await withBenchDatabase(async (url) => {
    const bench = await startBenchEngine(url, [identity]);
    const server = await bench.engine.listen();
    try {
      const fixture = await prepareIdentity(bench.engine, `http://127.0.0.1:${server.port}`);
      const rows: string[][] = [];
      rows.push(await measureTokenEndpoint(fixture));
      rows.push(await measureIntrospection(fixture));
      rows.push(...(await measureSignIn(bench.engine.live().sql(), fixture)));
      console.log(formatTable(['measure', 'req/s', 'p50 ms', 'p99 ms', 'baseline req/s', 'ratio', 'target'], rows));
    } finally {
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
  label: string,
  build: () => Promise<(index: number) => LoadRequest>,
  baseline: () => LoadRequest,
  requests: number,
  target?: number,
): Promise<string[]> {
  const rates: number[] = [];
  const baselineRates: number[] = [];
  const samples: Float64Array[] = [];
  for (let round = 0; round < ROUNDS; round += 1) {
    const prepared = await build();
    const measured = await runRound(prepared, { requests, concurrency: CONCURRENCY });
    const base = await runRound(baseline, { requests, concurrency: CONCURRENCY });
    rates.push(measured.requestsPerSecond);
    baselineRates.push(base.requestsPerSecond);
    samples.push(measured.latenciesMs);
  }
  const sorted = sortedSamples(samples);
  const rate = median(rates);
  const baseRate = median(baselineRates);
  return [
    label,
    rate.toFixed(0),
    percentile(sorted, 0.5).toFixed(2),
    percentile(sorted, 0.99).toFixed(2),
    baseRate.toFixed(0),
    `${(rate / baseRate).toFixed(2)}×`,
    target === undefined ? '-' : rate >= target ? `met (≥ ${target}/s)` : `missed (≥ ${target}/s)`,
  ];
}

/** Codes are made before each round (one authorization request each), then exchanged under load. */
async function measureTokenEndpoint(fixture: IdentityFixture): Promise<string[]> {
  return measure(
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
      return (index) => ({
        url: `${fixture.issuer}/token`,
        init: {
          method: 'POST',
          headers: { authorization: fixture.basicAuth, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({
            grant_type: 'authorization_code',
            code: codes[index].code,
            code_verifier: codes[index].verifier,
            redirect_uri: fixture.redirectUri,
          }).toString(),
        },
        expectStatus: 200,
      });
    },
    () => meRequest(fixture),
    TOKEN_REQUESTS,
  );
}

async function measureIntrospection(fixture: IdentityFixture): Promise<string[]> {
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
  const request: LoadRequest = {
    url: `${fixture.issuer}/token/introspection`,
    init: {
      method: 'POST',
      headers: { authorization: fixture.basicAuth, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: accessToken }).toString(),
    },
    expectStatus: 200,
  };
  return measure(
    'introspection',
    async () => () => request,
    () => meRequest(fixture),
    INTROSPECTIONS,
    INTROSPECTION_TARGET,
  );
}

/** Sign-ins through `POST /api/auth/login`, against argon2id verification alone at the stored cost. */
async function measureSignIn(
  sql: { query<R>(text: string, params?: unknown[]): Promise<R[]> },
  fixture: IdentityFixture,
): Promise<string[][]> {
  const [{ password_hash: stored }] = await sql.query<{ password_hash: string }>(
    'select password_hash from kiban_principal where username = ?',
    [fixture.residentPassword.username],
  );
  // `$argon2id$v=19$m=65536,p=4,t=3$…`: the parameters travel inside the hash, in any order.
  const parameters = Object.fromEntries(
    (stored.split('$')[3] ?? '').split(',').map((pair) => pair.split('=') as [string, string]),
  );
  const costText = `argon2id m=${parameters.m} KiB, t=${parameters.t}, p=${parameters.p}`;
  console.log(`password hashes: ${costText}`);
  const body = JSON.stringify(fixture.residentPassword);
  const signIn: LoadRequest = {
    url: `${fixture.origin}/api/auth/login`,
    init: { method: 'POST', headers: { 'content-type': 'application/json' }, body },
    expectStatus: 200,
  };
  const rates: number[] = [];
  const verifyRates: number[] = [];
  const samples: Float64Array[] = [];
  const reference = await hash(fixture.residentPassword.password, { type: argon2id });
  for (let round = 0; round < ROUNDS; round += 1) {
    const measured = await runRound(() => signIn, { requests: SIGN_INS, concurrency: 2 });
    rates.push(measured.requestsPerSecond);
    samples.push(measured.latenciesMs);
    const started = performance.now();
    await Promise.all(
      [0, 1].map(async () => {
        for (let i = 0; i < SIGN_INS / 2; i += 1) await verify(reference, fixture.residentPassword.password);
      }),
    );
    verifyRates.push(SIGN_INS / ((performance.now() - started) / 1000));
  }
  const sorted = sortedSamples(samples);
  const rate = median(rates);
  const verifyRate = median(verifyRates);
  // Two in flight keep both cores of the benchmark machine busy: half the rate is one core's.
  console.log(`password sign-in per core: ${(rate / 2).toFixed(2)}/s (${costText})`);
  return [
    [
      `password sign-in (${costText}; 2 in flight, per 2 cores)`,
      rate.toFixed(1),
      percentile(sorted, 0.5).toFixed(1),
      percentile(sorted, 0.99).toFixed(1),
      `${verifyRate.toFixed(1)} (verify only)`,
      `${(rate / verifyRate).toFixed(2)}×`,
      '-',
    ],
  ];
}
