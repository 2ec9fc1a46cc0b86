import { argon2id, hash, verify } from 'argon2';
import type { LoadRequest } from '../lib/load.ts';
import type { LoadProcess } from '../lib/load-process.ts';
import { median, percentile, sortedSamples } from '../lib/stats.ts';
import type { IdentityFixture } from './fixture.ts';

const ROUNDS = 3;
const SIGN_INS = 20;

interface Sql {
  query<R>(text: string, params?: unknown[]): Promise<R[]>;
}

/**
 * Sign-ins through `POST /api/auth/login` from the load process, against argon2id verification
 * alone at the stored cost (in this process, two at a time like the sign-ins).
 */
export async function measureSignIn(sql: Sql, fixture: IdentityFixture, load: LoadProcess): Promise<string[]> {
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
  const signIn: LoadRequest = {
    url: `${fixture.origin}/api/auth/login`,
    init: {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(fixture.residentPassword),
    },
    expectStatus: 200,
  };
  const rates: number[] = [];
  const verifyRates: number[] = [];
  const samples: Float64Array[] = [];
  const reference = await hash(fixture.residentPassword.password, { type: argon2id });
  for (let round = 0; round < ROUNDS; round += 1) {
    const measured = await load.run([signIn], { requests: SIGN_INS, concurrency: 2 });
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
    `password sign-in (${costText}; 2 in flight, per 2 cores)`,
    rate.toFixed(1),
    percentile(sorted, 0.5).toFixed(1),
    percentile(sorted, 0.99).toFixed(1),
    '-',
    `${verifyRate.toFixed(1)} (verify only)`,
    `${(rate / verifyRate).toFixed(2)}×`,
    '-',
  ];
}
