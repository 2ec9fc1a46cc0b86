import { resolve } from 'node:path';
import type { Engine } from '../../engine/src/engine.ts';
import { signedInStaff, startBenchEngine } from '../lib/bench-engine.ts';
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
  const { engine, close } = await startBenchEngine(databaseUrl);
  try {
    await engine.publishDirectory(LIBRARY_CARD_APP);
    const { id: principalId, cookie } = await signedInStaff(engine, BENCH_USERNAME, ['librarian']);
    await seedBranches(engine.live().sql(), seededBranches);
    const branchIds = await sampleBranchIds(engine.live().sql(), 1000);
    return { engine, principalId, cookie, branchIds, close };
  } catch (error) {
    await close();
    throw error;
  }
}
