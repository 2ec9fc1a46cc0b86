import { definePlugin, PluginError } from '@kiban/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetadataItem } from '../metadata/index.ts';
import { metadataDir } from '../plugins/plugin-test-support.ts';
import { startTestEngine, type TestClient, type TestEngine, testDatabaseKinds } from '../testing/index.ts';

const PERMIT_APP: MetadataItem[] = [
  {
    kind: 'entity',
    name: 'Permit',
    label: { ja: '許可' },
    fields: [
      { name: 'title', type: 'string', label: { ja: '件名' }, required: true },
      {
        name: 'status',
        type: 'enum',
        label: { ja: '状態' },
        required: true,
        values: ['draft', 'issued', 'failed'].map((value) => ({ value, label: { ja: value } })),
      },
    ],
  },
  {
    kind: 'entity',
    name: 'Ledger',
    label: { ja: '台帳' },
    fields: [
      { name: 'permitId', type: 'string', label: { ja: '許可 ID' }, required: true },
      { name: 'note', type: 'string', label: { ja: '備考' } },
    ],
  },
  {
    kind: 'role',
    name: 'permit-officer',
    label: { ja: '許可担当' },
    audience: 'staff',
    permissions: [
      { entity: 'Permit', actions: ['read', 'create', 'update'] },
      { entity: 'Ledger', actions: ['read'] },
    ],
  },
  {
    kind: 'workflow',
    name: 'permit',
    label: { ja: '許可' },
    entity: 'Permit',
    stateField: 'status',
    initial: 'draft',
    states: [
      { name: 'draft', label: { ja: '下書き' } },
      { name: 'issued', label: { ja: '発行' }, final: true },
      { name: 'failed', label: { ja: '失敗' }, final: true },
    ],
    transitions: [
      {
        name: 'issue',
        label: { ja: '発行' },
        from: ['draft'],
        to: 'issued',
        actions: [
          { type: 'callAction', action: 'registry.record', input: { permit: '$record.id', note: '$record.title' } },
          { type: 'emitEvent', event: 'issued' },
        ],
      },
      {
        name: 'refused',
        label: { ja: '台帳に拒否される' },
        from: ['draft'],
        to: 'failed',
        actions: [
          { type: 'callAction', action: 'registry.record', input: { permit: '$record.id' } },
          { type: 'callAction', action: 'registry.refuse' },
        ],
      },
      {
        name: 'badRecord',
        label: { ja: '不正な記録' },
        from: ['draft'],
        to: 'failed',
        actions: [{ type: 'createRecord', entity: 'Ledger', values: { permitId: 42 } }],
      },
    ],
  },
];

/** A plugin keeping a ledger: its action writes through the data API, joining the transition's transaction. */
function registryPlugin() {
  return definePlugin({
    name: 'registry',
    version: '1.0.0',
    actions: [
      {
        name: 'record',
        label: { ja: '台帳に記録' },
        input: {
          type: 'object',
          required: ['permit'],
          properties: { permit: { type: 'string' }, note: { type: 'string' } },
          additionalProperties: false,
        },
        handler: async (input, ctx) => {
          const { permit, note } = input as { permit: string; note?: string };
          const by = ctx.actor.kind === 'principal' ? ctx.actor.id : 'system';
          return ctx.data({ kind: 'system' }).create('Ledger', { permitId: permit, note: `${note ?? ''} by ${by}` });
        },
      },
      {
        name: 'refuse',
        label: { ja: '拒否' },
        input: {},
        handler: async () => {
          throw new PluginError('registry.closed', 409, { ja: '台帳は締め切りました。', en: 'The ledger is closed.' });
        },
      },
    ],
  });
}

describe.each(testDatabaseKinds())('workflow actions on %s', (kind) => {
  let host: TestEngine;
  let officer: TestClient;
  let officerId: string;

  const newPermit = async () =>
    (await officer.request('POST', '/api/data/Permit', { body: { title: '道路占用' } })).body;
  const ledgerOf = async (permit: string) =>
    (await officer.request('GET', `/api/data/Ledger?filter[permitId][eq]=${permit}`)).body.items;
  const historyOf = async (permit: string) =>
    (await officer.request('GET', `/api/workflows/Permit/${permit}`)).body.history;

  beforeAll(async () => {
    host = await startTestEngine(
      kind,
      [await metadataDir(PERMIT_APP)],
      {},
      { plugins: [registryPlugin()], log: () => {} },
    );
    officer = await host.principal('staff', 'officer', ['permit-officer']);
    officerId = (await officer.request('GET', '/api/auth/me')).body.principal.id;
  });
  afterAll(() => host?.close());

  it('calls a plugin action as the transitioning person, inside the transition', async () => {
    const permit = await newPermit();
    const issued = await officer.request('POST', `/api/workflows/Permit/${permit.id}/transitions/issue`, { body: {} });
    expect(issued.status).toBe(200);
    expect(await ledgerOf(permit.id)).toEqual([expect.objectContaining({ note: `道路占用 by ${officerId}` })]);
    const [event] = await host.engine
      .live()
      .sql()
      .query<{ payload: unknown }>("select payload from kiban_outbox where type = 'workflow.permit.issued'");
    expect(event.payload).toMatchObject({ entity: 'Permit', id: permit.id, transition: 'issue' });
  });

  it('rolls everything back when an action fails: state, history, and what earlier actions wrote', async () => {
    const permit = await newPermit();
    const refused = await officer.request('POST', `/api/workflows/Permit/${permit.id}/transitions/refused`, {
      body: {},
    });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('workflow.actionFailed');
    expect(refused.body.detail).toContain('台帳は締め切りました');
    expect(await ledgerOf(permit.id)).toEqual([]);
    expect((await officer.request('GET', `/api/data/Permit/${permit.id}`)).body).toMatchObject({
      status: 'draft',
      version: 1,
    });
    expect((await historyOf(permit.id)).map((line: { kind: string }) => line.kind)).toEqual(['start']);

    const invalid = await officer.request('POST', `/api/workflows/Permit/${permit.id}/transitions/badRecord`, {
      body: {},
    });
    expect(invalid.status).toBe(422);
    expect(invalid.body.errors).toEqual([expect.objectContaining({ pointer: '/permitId' })]);
    expect((await officer.request('GET', `/api/data/Permit/${permit.id}`)).body.status).toBe('draft');
  });

  it('refuses a caller who may not read the entity, and answers 404 for an entity without a workflow', async () => {
    const outsider = await host.principal('staff', 'outsider', []);
    const permit = await newPermit();
    const hidden = await outsider.request('GET', `/api/workflows/Permit/${permit.id}`);
    expect(hidden.status).toBe(403);
    const none = await officer.request('GET', `/api/workflows/Ledger/${permit.id}`);
    expect(none.status).toBe(404);
    expect(none.body.code).toBe('workflow.none');
  });
});
