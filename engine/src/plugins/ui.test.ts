import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { definePlugin } from '@kiban/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestClient, type TestEngine } from '../testing/index.ts';
import { metadataDir, NOTE_ENTITY, NOTE_ROLES } from './plugin-test-support.ts';

const WIDGET = "customElements.define('maps-address-picker', class extends HTMLElement {});\n";

describe('plugin browser code', () => {
  let host: TestEngine;
  let writer: TestClient;
  let uiDir: string;

  beforeAll(async () => {
    uiDir = await mkdtemp(join(tmpdir(), 'kiban-plugin-ui-'));
    await writeFile(join(uiDir, 'index.js'), WIDGET);
    const maps = definePlugin({
      name: 'maps',
      version: '1.0.0',
      metadata: [await metadataDir([NOTE_ENTITY, ...NOTE_ROLES])],
      fieldTypes: [
        {
          name: 'address',
          label: { ja: '住所' },
          base: 'string',
          schema: { type: 'string', maxLength: 200 },
          tag: 'maps-address-picker',
        },
      ],
      ui: { dir: uiDir, entry: 'index.js', components: ['maps-route-planner'] },
    });
    host = await startTestEngine('pglite', [], { uiDir }, { plugins: [maps], log: () => {} });
    writer = await host.principal('resident', 'writer', ['note-writer']);
  });
  afterAll(async () => {
    await host?.close();
    await rm(uiDir, { recursive: true, force: true });
  });

  it('tells the portals which module defines which widget and component', async () => {
    const app = (await writer.request('GET', '/api/portal/app?portal=resident')).body;
    expect(app.plugins).toEqual([
      {
        name: 'maps',
        script: '/ui/plugins/maps/index.js',
        fieldWidgets: { 'maps.address': 'maps-address-picker' },
        components: ['maps-route-planner'],
      },
    ]);
  });

  it('serves the module from the plugin directory, and nothing outside it', async () => {
    const client = host.client();
    const script = await client.request('GET', '/ui/plugins/maps/index.js');
    expect(script.status).toBe(200);
    expect(script.body).toBe(WIDGET);
    expect((await client.request('GET', '/ui/plugins/maps/../../../etc/passwd')).status).not.toBe(200);
    expect((await client.request('GET', '/ui/plugins/maps/%2e%2e/%2e%2e/etc/passwd')).status).not.toBe(200);
  });
});
