import { join } from 'node:path';
import type { Engine } from '../../engine/src/engine.ts';
import type { MetadataItem } from '../../engine/src/metadata/index.ts';
import { signedInStaff, startBenchEngine } from '../lib/bench-engine.ts';

const USERNAME = 'bench-clerk';

const ITEMS: MetadataItem[] = [
  {
    kind: 'entity',
    name: 'BenchDocument',
    label: { ja: '書類' },
    fields: [
      { name: 'title', type: 'string', label: { ja: '件名' } },
      { name: 'scan', type: 'file', label: { ja: 'スキャン' }, maxSize: 64 * 1024 * 1024 },
    ],
  },
  {
    kind: 'role',
    name: 'bench-clerk',
    label: { ja: '職員' },
    audience: 'staff',
    permissions: [{ entity: 'BenchDocument', actions: ['create', 'read', 'update'] }],
  },
] as MetadataItem[];

export interface FilesFixture {
  engine: Engine;
  cookie: string;
  /** Where the benchmark may write its baseline files. */
  scratchDir: string;
  close(): Promise<void>;
}

/** An engine on `databaseUrl` (its files in a temporary data directory) with one file entity and a signed-in clerk. */
export async function startFilesFixture(databaseUrl: string): Promise<FilesFixture> {
  const { engine, dataDir, close } = await startBenchEngine(databaseUrl);
  try {
    await engine.publish({ upserts: ITEMS, removals: [] });
    const { cookie } = await signedInStaff(engine, USERNAME, ['bench-clerk']);
    return { engine, cookie, scratchDir: join(dataDir, 'scratch'), close };
  } catch (error) {
    await close();
    throw error;
  }
}
