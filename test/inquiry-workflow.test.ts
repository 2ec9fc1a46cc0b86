import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestEngine, type TestClient, type TestEngine, testDatabaseKinds } from '../engine/src/testing/index.ts';
import { addBusinessDays } from '../engine/src/workflow/index.ts';

const APP = resolve(import.meta.dirname, '../examples/inquiry/metadata');

const inquiry = { subject: 'ごみの収集日', body: '引っ越し後の収集日を知りたい。', category: 'waste' };

describe.each(testDatabaseKinds())('the inquiry workflow (#46) on %s', (kind) => {
  let host: TestEngine;
  let resident: TestClient;
  let desk: TestClient;
  let desk2: TestClient;
  let supervisor: TestClient;
  let deskId: string;
  let id: string;

  const status = (client: TestClient, recordId = id) => client.request('GET', `/api/workflows/Inquiry/${recordId}`);
  const transition = (client: TestClient, name: string, body: object = {}, recordId = id) =>
    client.request('POST', `/api/workflows/Inquiry/${recordId}/transitions/${name}`, { body });
  const openTasks = async (client: TestClient) =>
    (await client.request('GET', '/api/tasks')).body.items.filter((task: { recordId: string }) => task.recordId === id);
  const outboxTypes = async (recordId: string) =>
    (
      await host.engine
        .live()
        .sql()
        .query<{ type: string }>("select type from kiban_outbox where payload->>'id' = ? order by seq", [recordId])
    ).map((row) => row.type);

  beforeAll(async () => {
    host = await startTestEngine(kind, [APP]);
    resident = await host.principal('resident', 'hanako', ['inquiry-resident']);
    desk = await host.principal('staff', 'desk1', ['inquiry-desk']);
    desk2 = await host.principal('staff', 'desk2', ['inquiry-desk']);
    supervisor = await host.principal('staff', 'chief', ['inquiry-supervisor']);
    deskId = (await desk.request('GET', '/api/auth/me')).body.principal.id;
  });
  afterAll(() => host.close());

  it('starts a new inquiry in the initial state; nobody writes the state field directly', async () => {
    const refused = await resident.request('POST', '/api/data/Inquiry', { body: { ...inquiry, status: 'closed' } });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([
      expect.objectContaining({ pointer: '/status', code: 'workflow.stateReadOnly' }),
    ]);

    const created = await resident.request('POST', '/api/data/Inquiry', { body: inquiry });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('received');
    id = created.body.id;

    const patched = await desk.request('PATCH', `/api/data/Inquiry/${id}`, {
      body: { status: 'answered' },
      headers: { 'if-match': '"1"' },
    });
    expect(patched.status).toBe(422);
    expect(patched.body.errors[0].code).toBe('workflow.stateReadOnly');

    const seen = await status(resident);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({
      workflow: 'inquiry',
      state: { name: 'received', final: false },
      transitions: [],
    });
    expect(seen.body.history).toEqual([
      expect.objectContaining({
        kind: 'start',
        from: null,
        to: 'received',
        actor: expect.objectContaining({ name: 'hanako' }),
      }),
    ]);
  });

  it('puts the task in the desk role inbox, not in the resident one', async () => {
    expect(await openTasks(desk)).toEqual([
      expect.objectContaining({ state: 'received', assignee: { kind: 'role', value: 'inquiry-desk' }, status: 'open' }),
    ]);
    expect(await openTasks(resident)).toEqual([]);
    const [task] = await openTasks(desk);
    expect(Date.parse(task.dueAt)).toBeGreaterThan(Date.now());
  });

  it('offers staff the transitions their roles allow, and refuses the rest', async () => {
    expect((await status(desk)).body.transitions.map((t: { name: string }) => t.name)).toEqual(['accept']);
    const denied = await transition(resident, 'accept');
    expect(denied.status).toBe(403);
    expect(denied.body.code).toBe('workflow.transitionDenied');
    const unknown = await transition(desk, 'teleport');
    expect(unknown.status).toBe(404);
    expect(unknown.body.code).toBe('workflow.unknownTransition');
    const wrongState = await transition(desk, 'close');
    expect(wrongState.status).toBe(409);
    expect(wrongState.body.code).toBe('workflow.invalidTransition');
    const stale = await desk.request('POST', `/api/workflows/Inquiry/${id}/transitions/accept`, {
      body: {},
      headers: { 'if-match': '"7"' },
    });
    expect(stale.status).toBe(412);
  });

  it('applies one of two concurrent transitions on the same record, never both', async () => {
    const results = await Promise.all([transition(desk, 'accept'), transition(desk2, 'accept')]);
    expect(results.map((result) => result.status).sort()).toEqual([200, 409]);
    expect(results.find((result) => result.status === 409)?.body.code).toBe('workflow.invalidTransition');
    const { body } = await status(desk);
    expect(body.state.name).toBe('inProgress');
    expect(body.history.filter((line: { kind: string }) => line.kind === 'transition')).toHaveLength(1);
  });

  it('hands the answer task to whoever accepted', async () => {
    const accepted = (await status(desk)).body.history[1];
    const winner = accepted.actor.id === deskId ? desk : desk2;
    const loser = winner === desk ? desk2 : desk;
    expect(await openTasks(winner)).toEqual([
      expect.objectContaining({ state: 'inProgress', assignee: { kind: 'principal', value: accepted.actor.id } }),
    ]);
    expect(await openTasks(loser)).toEqual([]);
  });

  it('guards the answer with a rule, then sets fields, notifies and emits events in the same transaction', async () => {
    const early = await transition(desk, 'answer');
    expect(early.status).toBe(422);
    expect(early.body.code).toBe('workflow.guardFailed');
    // Which condition failed, with the field named by its label.
    expect(early.body.detail).toBe('このレコードは「回答する」の条件を満たしていません：「回答 が入力済み」。');
    expect(early.body.errors).toEqual([
      { pointer: '/rule/inquiry-has-answer/condition', code: 'workflow.guardCondition', message: '回答 が入力済み' },
    ]);

    const current = await desk.request('GET', `/api/data/Inquiry/${id}`);
    const written = await desk.request('PATCH', `/api/data/Inquiry/${id}`, {
      body: { answer: '北区は火曜と金曜です。' },
      headers: { 'if-match': current.headers.get('etag') as string },
    });
    expect(written.status).toBe(200);

    const answered = await transition(desk, 'answer');
    expect(answered.status).toBe(200);
    expect(answered.body.state.name).toBe('answered');
    const record = await resident.request('GET', `/api/data/Inquiry/${id}`);
    expect(record.body).toMatchObject({ status: 'answered', answer: '北区は火曜と金曜です。' });
    expect(Date.parse(record.body.answeredAt)).toBeLessThanOrEqual(Date.now());
    expect(await outboxTypes(id)).toEqual(
      expect.arrayContaining(['workflow.transitioned', 'workflow.inquiry.answered', 'notification.requested']),
    );
    expect(await openTasks(desk)).toEqual([]);
  });

  it('lets the resident reopen with a reason, and records who, when, from, to and why', async () => {
    const silent = await transition(resident, 'reopen', { comment: '  ' });
    expect(silent.status).toBe(422);
    expect(silent.body.code).toBe('workflow.commentRequired');
    expect(silent.body.errors[0].pointer).toBe('/comment');

    const reopened = await transition(resident, 'reopen', { comment: '燃えないごみの日も知りたい。' });
    expect(reopened.status).toBe(200);
    expect(reopened.body.history.at(-1)).toMatchObject({
      kind: 'transition',
      transition: 'reopen',
      from: 'answered',
      to: 'inProgress',
      comment: '燃えないごみの日も知りたい。',
      actor: { name: 'hanako' },
    });
    expect(Number.isNaN(Date.parse(reopened.body.history.at(-1).at))).toBe(false);
  });

  it('refuses a malformed transition body and changes nothing', async () => {
    const before = (await status(desk)).body;
    const bad = await transition(desk, 'askResident', { comment: 3, extra: true });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('request.invalid');
    expect((await status(desk)).body).toEqual(before);
  });

  it('escalates an unaccepted inquiry to the supervisor after 3 business days', async () => {
    const created = await resident.request('POST', '/api/data/Inquiry', { body: { ...inquiry, subject: '放置' } });
    const late = created.body.id;
    const createdAt = new Date(created.body.createdAt);
    const before = await host.engine.workflows.fireDueTimers(addBusinessDays(createdAt, 2));
    expect(before.filter((outcome) => outcome.result !== 'skipped')).toEqual([]);

    const fired = await host.engine.workflows.fireDueTimers(new Date(addBusinessDays(createdAt, 3).getTime() + 1000));
    expect(fired.map((outcome) => outcome.result)).toContain('reassigned');
    const tasks = (await supervisor.request('GET', '/api/tasks')).body.items;
    expect(tasks).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ recordId: late, assignee: { kind: 'role', value: 'inquiry-supervisor' } }),
      ]),
    );
    const history = (await status(supervisor, late)).body.history;
    expect(history.at(-1)).toMatchObject({ kind: 'reassign', assignee: 'role:inquiry-supervisor' });
    // Fired once: a second run at the same time has nothing left to do.
    expect(await host.engine.workflows.fireDueTimers(addBusinessDays(createdAt, 4))).toEqual([]);
  });

  it('closes an inquiry the resident never replied to, by timer, as the system', async () => {
    const asked = await transition(desk, 'askResident', { comment: '住所を教えてください。' });
    expect(asked.status).toBe(200);
    const fired = await host.engine.workflows.fireDueTimers(addBusinessDays(new Date(), 11));
    expect(fired.map((outcome) => outcome.result)).toContain('transitioned');
    const { body } = await status(desk);
    expect(body.state).toMatchObject({ name: 'closed', final: true });
    expect(body.transitions).toEqual([]);
    expect(body.history.at(-1)).toMatchObject({ transition: 'expire', actor: { name: 'ワークフローのタイマー' } });
  });

  it('lets a task be reassigned from the inbox, and only by someone it is assigned to', async () => {
    const created = await resident.request('POST', '/api/data/Inquiry', { body: { ...inquiry, subject: '転送' } });
    const [task] = (await desk.request('GET', '/api/tasks')).body.items.filter(
      (each: { recordId: string }) => each.recordId === created.body.id,
    );
    const stranger = await resident.request('POST', `/api/tasks/${task.id}/reassign`, {
      body: { assignTo: { role: 'inquiry-supervisor' } },
    });
    expect(stranger.status).toBe(404);
    const invalid = await desk.request('POST', `/api/tasks/${task.id}/reassign`, { body: { assignTo: {} } });
    expect(invalid.status).toBe(422);
    const moved = await desk.request('POST', `/api/tasks/${task.id}/reassign`, {
      body: { assignTo: { principal: deskId }, comment: '私が担当します' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body.assignee).toEqual({ kind: 'principal', value: deskId });
    expect((await desk2.request('GET', '/api/tasks')).body.items.map((each: { id: string }) => each.id)).not.toContain(
      task.id,
    );
  });

  it('describes the workflow endpoints in the OpenAPI document, valid OpenAPI 3.1', async () => {
    const { body } = await desk.request('GET', '/api/openapi.json');
    const transitions = body.paths['/api/workflows/Inquiry/{id}/transitions/{transition}'].post.parameters[1];
    expect(transitions.schema.enum).toEqual(['accept', 'askResident', 'reply', 'answer', 'reopen', 'close', 'expire']);
    const result = await new Validator().validate(body);
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('exports and imports workflows and rules like the other kinds', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kiban-inquiry-package-'));
    try {
      const pkg = await host.engine.packages.export(dir, { name: 'inquiry-app', version: '1.0.0' });
      const files = pkg.manifest.contents.map((entry) => entry.file);
      expect(files).toEqual(expect.arrayContaining(['workflows/inquiry.json', 'rules/inquiry-has-answer.json']));
      const read = await host.engine.packages.read(dir);
      expect(read.items.find((item) => item.kind === 'workflow')).toEqual(
        host.engine.live().item('workflow', 'inquiry'),
      );
      const plan = await host.engine.packages.plan(read);
      expect({ created: plan.created, changed: plan.changed }).toEqual({ created: [], changed: [] });
      expect(plan.unchanged).toEqual(expect.arrayContaining([{ kind: 'workflow', name: 'inquiry' }]));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
