import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createPrincipal } from '../../engine/src/access/index.ts';
import { readConfig } from '../../engine/src/config.ts';
import { createEngine, type Engine } from '../../engine/src/engine.ts';
import type { MetadataItem } from '../../engine/src/metadata/index.ts';

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
  const dataDir = await mkdtemp(join(tmpdir(), 'kiban-bench-files-'));
  const config = { ...readConfig({ KIBAN_ADMIN_PASSWORD: randomBytes(18).toString('base64url') }), dataDir };
  const engine = await createEngine(config, { database: { url: databaseUrl, embedded: false, close: async () => {} } });
  const close = async () => {
    await engine.close();
    await rm(dataDir, { recursive: true, force: true });
  };
  try {
    await engine.publish({ upserts: ITEMS, removals: [] });
    const password = randomBytes(18).toString('base64url');
    await createPrincipal(engine.live().sql(), { kind: 'staff', username: USERNAME, password, roles: ['bench-clerk'] });
    const login = await engine.app.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: USERNAME, password }),
    });
    if (login.status !== 200) throw new Error(`sign-in failed: ${await login.text()}`);
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
    return { engine, cookie, scratchDir: join(dataDir, 'scratch'), close };
  } catch (error) {
    await close();
    throw error;
  }
}
