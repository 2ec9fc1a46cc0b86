import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { createPrincipal } from '../../engine/src/access/index.ts';
import { readConfig } from '../../engine/src/config.ts';
import { createEngine, type Engine } from '../../engine/src/engine.ts';
import { sampleBranchIds, seedBranches } from './branch-data.ts';

const LIBRARY_CARD_APP = resolve(import.meta.dirname, '../../examples/library-card/metadata');
const BENCH_USERNAME = 'bench-librarian';

export interface ApiFixture {
  engine: Engine;
  /** The librarian both APIs serve; creates are owned by it. */
  principalId: string;
  /** `kiban_session=…`, sent by every benchmark request. */
  cookie: string;
  /** Seeded branch ids to fetch by id. */
  branchIds: string[];
  close(): Promise<void>;
}

/**
 * An engine on `databaseUrl` with the library-card app published, a signed-in librarian
 * and `seededBranches` branches, the way an operator would have it before traffic arrives.
 */
export async function startApiFixture(databaseUrl: string, seededBranches: number): Promise<ApiFixture> {
  const dataDir = await mkdtemp(join(tmpdir(), 'kiban-bench-'));
  const config = { ...readConfig({ KIBAN_ADMIN_PASSWORD: randomBytes(18).toString('base64url') }), dataDir };
  // The bench owns the database's lifetime: it drops the whole database after the engine closes.
  const engine = await createEngine(config, { database: { url: databaseUrl, embedded: false, close: async () => {} } });
  try {
    await engine.publishDirectory(LIBRARY_CARD_APP);
    const password = randomBytes(18).toString('base64url');
    const principal = await createPrincipal(engine.live().sql(), {
      kind: 'staff',
      username: BENCH_USERNAME,
      password,
      roles: ['librarian'],
    });
    const cookie = await signIn(engine, BENCH_USERNAME, password);
    await seedBranches(engine.live().sql(), seededBranches);
    const branchIds = await sampleBranchIds(engine.live().sql(), 1000);
    return {
      engine,
      principalId: principal.id,
      cookie,
      branchIds,
      close: async () => {
        await engine.close();
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await engine.close();
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
}

async function signIn(engine: Engine, username: string, password: string): Promise<string> {
  const response = await engine.app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${username} failed: ${await response.text()}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0];
}
