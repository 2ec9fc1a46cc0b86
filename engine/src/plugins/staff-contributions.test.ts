import { definePlugin } from '@kiban/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestClient, type TestEngine, testDatabaseKinds } from '../testing/index.ts';
import { metadataDir, NOTE_ENTITY, NOTE_ROLES } from './plugin-test-support.ts';

const AUDITOR = {
  kind: 'role',
  name: 'note-auditor',
  label: { ja: 'メモ監査' },
  audience: 'staff',
  permissions: [],
  capabilities: ['audit.read'],
};

describe.each(testDatabaseKinds())('staff pages and record panels of plugins on %s', (kind) => {
  let host: TestEngine;
  let reader: TestClient;
  let auditor: TestClient;
  let resident: TestClient;

  beforeAll(async () => {
    const ledger = definePlugin({
      name: 'ledger',
      version: '1.0.0',
      metadata: [await metadataDir([NOTE_ENTITY, ...NOTE_ROLES, AUDITOR])],
      ui: {
        dir: import.meta.dirname,
        entry: 'ledger.js',
        staffPages: [
          { name: 'ledger', label: { ja: '台帳', en: 'Ledger' }, tag: 'ledger-view', capability: 'audit.read' },
          { name: 'console', label: { ja: '操作卓' }, tag: 'ledger-console', menuOrder: 1 },
        ],
        recordPanels: [
          { name: 'history', label: { ja: '履歴' }, tag: 'ledger-history', entities: ['Note'] },
          { name: 'audit', label: { ja: '監査' }, tag: 'ledger-audit', entities: ['Note'], capability: 'audit.read' },
        ],
        stepUpPage: 'pages/sign-in',
      },
    });
    host = await startTestEngine(kind, [], {}, { plugins: [ledger], log: () => {} });
    reader = await host.principal('staff', 'reader', ['note-reader']);
    auditor = await host.principal('staff', 'auditor', ['note-auditor']);
    resident = await host.principal('resident', 'writer', ['note-writer']);
  });
  afterAll(() => host?.close());

  const catalog = async (client: TestClient, portal = 'staff') =>
    (await client.request('GET', `/api/portal/app?portal=${portal}`)).body;

  it('lists the pages a staff member may open, in menu order, at their paths', async () => {
    expect((await catalog(reader)).staffPages).toEqual([
      {
        plugin: 'ledger',
        name: 'console',
        label: { ja: '操作卓' },
        tag: 'ledger-console',
        path: '/staff/plugins/ledger/console',
        menuOrder: 1,
      },
    ]);
    expect((await catalog(auditor)).staffPages.map((page: { name: string }) => page.name)).toEqual([
      'console',
      'ledger',
    ]);
  });

  it('lists panels only on entities the staff member may read, gated by capability', async () => {
    expect((await catalog(reader)).recordPanels).toEqual([
      { plugin: 'ledger', name: 'history', label: { ja: '履歴' }, tag: 'ledger-history', entities: ['Note'] },
    ]);
    // The auditor holds the capability but may not read notes: no panel has an entity left.
    expect((await catalog(auditor)).recordPanels).toEqual([]);
  });

  it('shows residents none of it', async () => {
    const app = await catalog(resident, 'resident');
    expect(app.staffPages).toEqual([]);
    expect(app.recordPanels).toEqual([]);
    // Where a form needing a stronger sign-in sends the resident: the plugin's own public page.
    expect(app.stepUpPage).toBe('/api/public/ledger/pages/sign-in');
  });

  it('refuses a contribution with an invalid tag or no entities when the plugin is defined', () => {
    expect(() =>
      definePlugin({
        name: 'broken',
        version: '1.0.0',
        ui: {
          dir: import.meta.dirname,
          entry: 'x.js',
          staffPages: [{ name: 'Bad Name', label: { ja: 'x' }, tag: 'nohyphen' }],
          recordPanels: [{ name: 'p', label: { ja: 'p' }, tag: 'a-b', entities: [] }],
        },
      }),
    ).toThrow(/staffPages\/0\/name|staffPages\/0\/tag|recordPanels\/0\/entities/);
  });
});
