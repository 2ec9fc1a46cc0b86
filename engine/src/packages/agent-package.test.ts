import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgentMetadata, MetadataItem } from '../metadata/index.ts';
import { startTestEngine, type TestClient, type TestEngine, testDatabaseKinds } from '../testing/index.ts';
import {
  databaseDigest,
  expectRefusedWithoutChanges,
  LIBRARY_CARD,
  libraryCardItems,
  temporaryDirectory,
  writeItemsPackage,
} from './package-test-support.ts';

/** An agent of the library-card app: FAQ and articles the librarian may read, one action as a tool. */
const GUIDE: AgentMetadata = {
  kind: 'agent',
  name: 'library-guide',
  label: { ja: '図書館案内', en: 'Library guide' },
  roles: ['librarian'],
  instructions: { ja: '図書館の資料だけを使って答えてください。', en: 'Answer from the library knowledge only.' },
  knowledge: { kinds: ['faq', 'article'], classifications: ['public', 'staff'] },
  tools: ['reservations.book'],
  answerer: 'model',
  model: 'city-gateway-small',
  limits: { maxToolCalls: 2, maxTokens: 800, timeoutMs: 20000 },
};

describe.each(testDatabaseKinds())('agents as metadata on %s', (kind) => {
  let source: TestEngine;
  let target: TestEngine;
  let root: string;
  let admin: TestClient;

  beforeAll(async () => {
    [source, target] = await Promise.all([startTestEngine(kind, [LIBRARY_CARD]), startTestEngine(kind)]);
    root = await temporaryDirectory();
    admin = await source.signIn('admin', 'test-admin-password');
  });
  afterAll(async () => {
    await Promise.all([source?.close(), target?.close()]);
    await rm(root, { recursive: true, force: true });
  });

  it('refuses a malformed agent with every problem located, publishing nothing', async () => {
    const bad = {
      ...GUIDE,
      tools: ['not a tool name'],
      knowledge: { kinds: ['gossip'] },
      limits: { maxToolCalls: 99 },
    };
    const before = await databaseDigest(source);
    const response = await admin.request('POST', '/api/metadata/publish', { body: { upserts: [bad] } });
    expect(response.status).toBe(422);
    expect(response.body.errors.map((error: { pointer: string; code: string }) => [error.pointer, error.code])).toEqual(
      [
        ['/agent/library-guide/knowledge/kinds/0', 'schema.enum'],
        ['/agent/library-guide/tools/0', 'schema.pattern'],
        ['/agent/library-guide/limits/maxToolCalls', 'schema.maximum'],
      ],
    );
    expect(response.body.errors[0].message).toMatch(/\S/);
    expect(await databaseDigest(source)).toEqual(before);
    expect(source.engine.live().item('agent', 'library-guide')).toBeUndefined();
  });

  it('refuses what only the whole app can tell: an unknown role, tools for the extractive answerer', async () => {
    const bad = { ...GUIDE, roles: ['librarain'], answerer: 'extractive' };
    const before = await databaseDigest(source);
    const response = await admin.request('POST', '/api/metadata/publish', { body: { upserts: [bad] } });
    expect(response.status).toBe(422);
    expect(response.body.errors.map((error: { pointer: string; code: string }) => [error.pointer, error.code])).toEqual(
      [
        ['/agent/library-guide/roles/0', 'semantic.agent.unknownRole'],
        ['/agent/library-guide/tools', 'semantic.agent.toolsNeedModel'],
        ['/agent/library-guide/model', 'semantic.agent.modelNeedsModelAnswerer'],
      ],
    );
    expect(await databaseDigest(source)).toEqual(before);
  });

  it('publishes an agent with versions, and carries it through a package export and import', async () => {
    const published = await admin.request('POST', '/api/metadata/publish', { body: { upserts: [GUIDE] } });
    expect(published.status).toBe(200);
    const changed = { ...GUIDE, limits: { ...GUIDE.limits, maxToolCalls: 1 } };
    expect((await admin.request('POST', '/api/metadata/publish', { body: { upserts: [changed] } })).status).toBe(200);
    const versions = await admin.request('GET', '/api/metadata/agent/library-guide/versions');
    expect(versions.body.items).toHaveLength(2);
    expect((await admin.request('GET', '/api/metadata/agent/library-guide')).body).toEqual(changed);

    const dir = join(root, 'with-agent');
    const exported = await source.engine.packages.export(dir, { name: 'library-card', version: '1.0.0' });
    expect(exported.manifest.contents).toContainEqual({
      kind: 'agent',
      name: 'library-guide',
      file: 'agents/library-guide.json',
    });
    const imported = await target.engine.packages.import(await target.engine.packages.read(dir));
    expect(imported.applied).toBe(true);
    expect(target.engine.live().item('agent', 'library-guide')).toEqual(changed);
  });

  it('refuses a package whose agent is invalid, naming its file, changing nothing', async () => {
    const items: MetadataItem[] = [
      ...(await libraryCardItems()),
      { ...GUIDE, name: 'broken-guide', knowledge: { kinds: [] } } as unknown as AgentMetadata,
    ];
    const dir = join(root, 'bad-agent');
    await writeItemsPackage(dir, items, { version: '3.0.0' });
    const refused = await expectRefusedWithoutChanges(target, 'package.invalid', async () =>
      target.engine.packages.import(await target.engine.packages.read(dir)),
    );
    expect(refused.details).toEqual([
      expect.objectContaining({ pointer: 'agents/broken-guide.json#/knowledge/kinds', code: 'schema.minItems' }),
    ]);
  });
});
