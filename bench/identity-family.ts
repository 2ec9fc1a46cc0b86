import { randomBytes } from 'node:crypto';
import { createPrincipal } from '../engine/src/access/index.ts';
import identity from '../plugins/identity/src/index.ts';
import { withBenchDatabase } from './lib/bench-database.ts';
import { signedInStaff, startBenchEngine } from './lib/bench-engine.ts';
import { median, percentile } from './lib/stats.ts';
import { formatTable } from './lib/table.ts';

const WARM_UP = 60;
const ROUNDS = 600;
const TARGETS = ['protected', 'unknown', 'ordinary'] as const;
type Target = (typeof TARGETS)[number];

/**
 * Whether the time of a family invitation tells a DV/stalking-protected resident from a name
 * nobody has (timing is never asserted in a test). One inviter sends `identity.familyInvite`
 * over HTTP, one request at a time, to a protected resident, an unknown username and an
 * ordinary resident in turn — the order rotating every round, so that drift in the machine's
 * load falls on all three alike — and prints each one's median and p99 with the ratio to the
 * unknown name's. Protected against unknown should read 1.00×; the ordinary resident's
 * invitation is delivered (stored with its invitee) but runs the same statements.
 */
export async function run(): Promise<void> {
  await withBenchDatabase(async (url) => {
    const bench = await startBenchEngine(url, [identity]);
    const server = await bench.engine.listen();
    const origin = `http://127.0.0.1:${server.port}`;
    try {
      const sql = bench.engine.live().sql();
      const resident = async (username: string) => {
        const password = randomBytes(18).toString('base64url');
        const principal = await createPrincipal(sql, { kind: 'resident', username, password, roles: [] });
        const login = await fetch(`${origin}/api/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username, password }),
        });
        return { id: principal.id, cookie: (login.headers.get('set-cookie') ?? '').split(';')[0] };
      };
      const inviter = await resident('bench-inviter');
      const shielded = await resident('bench-protected');
      await resident('bench-ordinary');
      const officer = await signedInStaff(bench.engine, 'bench-dv-officer', ['identity-dv-officer']);
      const call = (cookie: string, action: string, body: unknown) =>
        fetch(`${origin}/api/actions/identity.${action}`, {
          method: 'POST',
          headers: { cookie, 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
          body: JSON.stringify(body),
        });
      const set = await call(officer.cookie, 'setProtection', { principalId: shielded.id, protected: true });
      if (set.status !== 200) throw new Error(`setProtection: ${set.status} ${await set.text()}`);

      const usernames: Record<Target, string> = {
        protected: 'bench-protected',
        unknown: 'bench-nobody',
        ordinary: 'bench-ordinary',
      };
      const invite = async (target: Target): Promise<number> => {
        const started = performance.now();
        const response = await call(inviter.cookie, 'familyInvite', {
          username: usernames[target],
          scopes: ['notices', 'applications', 'profile'],
        });
        await response.arrayBuffer();
        const elapsed = performance.now() - started;
        if (response.status !== 200) throw new Error(`familyInvite to ${target}: ${response.status}`);
        return elapsed;
      };
      const samples: Record<Target, number[]> = { protected: [], unknown: [], ordinary: [] };
      for (let round = 0; round < WARM_UP + ROUNDS; round += 1) {
        for (let step = 0; step < TARGETS.length; step += 1) {
          const target = TARGETS[(round + step) % TARGETS.length];
          const elapsed = await invite(target);
          if (round >= WARM_UP) samples[target].push(elapsed);
        }
      }
      const stats = (target: Target) => {
        const sorted = Float64Array.from(samples[target]).sort();
        return { median: median(samples[target]), p99: percentile(sorted, 0.99) };
      };
      const unknown = stats('unknown');
      const rows = TARGETS.map((target) => {
        const own = stats(target);
        return [
          target,
          String(samples[target].length),
          own.median.toFixed(3),
          own.p99.toFixed(3),
          `${(own.median / unknown.median).toFixed(3)}×`,
          `${(own.p99 / unknown.p99).toFixed(3)}×`,
        ];
      });
      console.log('invitation path (identity.familyInvite over HTTP, one at a time, targets alternating)');
      console.log(formatTable(['invited', 'n', 'median ms', 'p99 ms', 'median ÷ unknown', 'p99 ÷ unknown'], rows));
    } finally {
      await server.close();
      await bench.close();
    }
  });
}
