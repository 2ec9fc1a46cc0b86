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

describe.each(testDatabaseKinds())('portal widgets of plugins on %s', (kind) => {
  let host: TestEngine;
  let reader: TestClient;
  let auditor: TestClient;
  let resident: TestClient;

  beforeAll(async () => {
    const helpdesk = definePlugin({
      name: 'helpdesk',
      version: '1.0.0',
      metadata: [await metadataDir([NOTE_ENTITY, ...NOTE_ROLES, AUDITOR])],
      ui: {
        dir: import.meta.dirname,
        entry: 'helpdesk.js',
        portalWidgets: [
          { name: 'launcher', label: { ja: 'チャット', en: 'Chat' }, tag: 'helpdesk-launcher', portals: ['resident'] },
          {
            name: 'audit-bell',
            label: { ja: '監査' },
            tag: 'helpdesk-bell',
            portals: ['staff'],
            capability: 'audit.read',
          },
        ],
      },
    });
    host = await startTestEngine(kind, [], {}, { plugins: [helpdesk], log: () => {} });
    reader = await host.principal('staff', 'reader', ['note-reader']);
    auditor = await host.principal('staff', 'auditor', ['note-auditor']);
    resident = await host.principal('resident', 'writer', ['note-writer']);
  });
  afterAll(() => host?.close());

  const widgets = async (client: TestClient, portal: string) =>
    (await client.request('GET', `/api/portal/app?portal=${portal}`)).body.portalWidgets;

  it("gives each portal's principals the widgets for that portal, gated by capability", async () => {
    expect(await widgets(resident, 'resident')).toEqual([
      { plugin: 'helpdesk', name: 'launcher', label: { ja: 'チャット', en: 'Chat' }, tag: 'helpdesk-launcher' },
    ]);
    expect(await widgets(reader, 'staff')).toEqual([]);
    expect((await widgets(auditor, 'staff')).map((widget: { tag: string }) => widget.tag)).toEqual(['helpdesk-bell']);
  });

  it('gives no widgets of a portal to a principal of the other one', async () => {
    expect(await widgets(resident, 'staff')).toEqual([]);
    expect(await widgets(auditor, 'resident')).toEqual([]);
  });

  it('refuses a widget without portals or with an unknown one when the plugin is defined', () => {
    const define = (portals: string[]) => () =>
      definePlugin({
        name: 'broken',
        version: '1.0.0',
        ui: {
          dir: import.meta.dirname,
          entry: 'x.js',
          portalWidgets: [{ name: 'w', label: { ja: 'w' }, tag: 'a-b', portals: portals as ['resident'] }],
        },
      });
    expect(define([])).toThrow(/portalWidgets\/0\/portals/);
    expect(define(['kiosk'])).toThrow(/portalWidgets\/0\/portals\/0/);
  });
});
