import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetadataItem } from '../metadata/index.ts';
import { metadataDir } from '../plugins/plugin-test-support.ts';
import { WARD_APP } from '../records/ward-policy.fixture.ts';
import { shiftBusinessDays } from '../rules/business-days.ts';
import { evaluationDate } from '../rules/index.ts';
import {
  startTestEngine,
  TEST_ADMIN_PASSWORD,
  type TestClient,
  type TestEngine,
  testDatabaseKinds,
} from '../testing/index.ts';

const REMINDER = { ja: '収集日が近づいています。', en: 'Collection is near.' };

/** The ward app with a workflow: the ward's office gets the task and, two business days before the date, a reminder. */
const APP: MetadataItem[] = [
  ...WARD_APP,
  {
    kind: 'entity',
    name: 'Pickup',
    label: { ja: '収集', en: 'Pickup' },
    fields: [
      { name: 'request', type: 'reference', target: 'WasteRequest', label: { ja: '申込' }, required: true },
      {
        name: 'stage',
        type: 'enum',
        label: { ja: '段階' },
        required: true,
        values: ['planned', 'done'].map((value) => ({ value, label: { ja: value } })),
      },
    ],
  },
  {
    kind: 'workflow',
    name: 'waste-request',
    label: { ja: '粗大ごみ申込' },
    entity: 'WasteRequest',
    stateField: 'status',
    initial: 'received',
    states: [
      {
        name: 'received',
        label: { ja: '受付' },
        task: { label: { ja: '収集の手配' }, assignTo: { department: '$record.ward' } },
        timers: [
          {
            at: { field: 'preferredDate', businessDays: -2 },
            actions: [{ type: 'notify', to: { department: '$record.ward' }, message: REMINDER }],
          },
        ],
      },
      { name: 'collected', label: { ja: '収集済み' }, final: true },
      { name: 'cancelled', label: { ja: '取消' }, final: true },
    ],
    transitions: [{ name: 'collect', label: { ja: '収集' }, from: ['received'], to: 'collected' }],
  },
  {
    kind: 'workflow',
    name: 'pickup',
    label: { ja: '収集' },
    entity: 'Pickup',
    stateField: 'stage',
    initial: 'planned',
    states: [
      {
        name: 'planned',
        label: { ja: '予定' },
        task: { label: { ja: '収集する' }, assignTo: { department: '$record.request.ward' } },
      },
      { name: 'done', label: { ja: '完了' }, final: true },
    ],
    transitions: [{ name: 'finish', label: { ja: '完了' }, from: ['planned'], to: 'done' }],
  },
];

describe.each(testDatabaseKinds())(
  'timers relative to a date, notify-only actions, dynamic assignment on %s',
  (kind) => {
    let host: TestEngine;
    let admin: TestClient;
    const preferredDate = shiftBusinessDays(evaluationDate(new Date()).today, 10);
    const reminderAt = new Date(`${shiftBusinessDays(preferredDate, -2)}T00:00:00+09:00`);

    const outbox = (recordId: string) =>
      host.engine
        .live()
        .sql()
        .query<{ type: string; payload: Record<string, unknown> }>(
          "select type, payload from kiban_outbox where payload->>'id' = ? order by seq",
          [recordId],
        );
    const status = async (entity: string, id: string) =>
      (await admin.request('GET', `/api/workflows/${entity}/${id}`)).body;

    beforeAll(async () => {
      host = await startTestEngine(kind, [await metadataDir(APP)], {}, { log: () => {} });
      admin = await host.signIn('admin', TEST_ADMIN_PASSWORD);
    });
    afterAll(() => host.close());

    it('assigns the task to the department the record names, and through a reference', async () => {
      const request = await admin.request('POST', '/api/data/WasteRequest', { body: { ward: 'minami' } });
      expect(request.status).toBe(201);
      const { tasks } = await status('WasteRequest', request.body.id);
      expect(tasks.map((task: { assignee: unknown }) => task.assignee)).toEqual([
        { kind: 'department', value: 'minami' },
      ]);
      const pickup = await admin.request('POST', '/api/data/Pickup', { body: { request: request.body.id } });
      expect(pickup.status).toBe(201);
      const pickupTasks = (await status('Pickup', pickup.body.id)).tasks;
      expect(pickupTasks.map((task: { assignee: unknown }) => task.assignee)).toEqual([
        { kind: 'department', value: 'minami' },
      ]);
    });

    it('fires a reminder two business days before the preferred date, only notifying', async () => {
      const request = await admin.request('POST', '/api/data/WasteRequest', { body: { ward: 'kita', preferredDate } });
      expect(request.status).toBe(201);
      const id = request.body.id;
      const before = await status('WasteRequest', id);

      const early = await host.engine.workflows.fireDueTimers(new Date(reminderAt.getTime() - 1000));
      expect(early).toEqual([]);
      const fired = await host.engine.workflows.fireDueTimers(new Date(reminderAt.getTime() + 1000));
      expect(fired).toEqual([expect.objectContaining({ result: 'notified' })]);
      expect(await host.engine.workflows.fireDueTimers(new Date(reminderAt.getTime() + 86_400_000))).toEqual([]);

      const events = await outbox(id);
      expect(events.filter((event) => event.type === 'notification.requested')).toEqual([
        {
          type: 'notification.requested',
          payload: {
            entity: 'WasteRequest',
            id,
            workflow: 'waste-request',
            to: { kind: 'department', value: 'kita' },
            message: REMINDER,
          },
        },
      ]);
      const after = await status('WasteRequest', id);
      expect(after.state.name).toBe('received');
      expect(after.history).toEqual(before.history);
      expect(after.transitions.map((t: { name: string }) => t.name)).toEqual(['collect']);
    });

    it('sets no timer when the date field is empty, and drops it when the record moves on', async () => {
      const undated = await admin.request('POST', '/api/data/WasteRequest', { body: { ward: 'kita' } });
      const dated = await admin.request('POST', '/api/data/WasteRequest', { body: { ward: 'kita', preferredDate } });
      const collected = await admin.request(
        'POST',
        `/api/workflows/WasteRequest/${dated.body.id}/transitions/collect`,
        {
          body: {},
        },
      );
      expect(collected.status).toBe(200);
      const fired = await host.engine.workflows.fireDueTimers(new Date(reminderAt.getTime() + 1000));
      expect(fired).toEqual([]);
      for (const id of [undated.body.id, dated.body.id]) {
        expect((await outbox(id)).some((event) => event.type === 'notification.requested')).toBe(false);
      }
    });
  },
);
