import type { TestHost, TestHostClient } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE } from '../src/roles.ts';
import {
  act,
  clientId,
  databaseKinds,
  operatorFor,
  resident,
  SLOW_TEST_MS,
  staff,
  startContactCenter,
  type TestClock,
} from './support.ts';

/**
 * The next-response and resolution timers beside the first-response one, breaches pushed live
 * to supervisors and counted in the KPIs, and the alert on an abandonment spike — all decided
 * by the supervision job, run here at the times a test clock says.
 */
describe.each(databaseKinds())('SLA timers and alerts on %s', { timeout: SLOW_TEST_MS }, (kind) => {
  let host: TestHost;
  let clock: TestClock;
  let supervisor: TestHostClient;

  beforeAll(async () => {
    ({ host, clock } = await startContactCenter(kind));
    supervisor = await staff(host, [ROLE.supervisor]);
  }, SLOW_TEST_MS);
  afterAll(async () => host?.close());

  /** The supervision job runs every 10 s: move the clock past the next run and run what is due. */
  async function nextSupervision(ms = 11_000) {
    clock.advance(ms);
    await host.runJobs(clock.now());
  }

  const queueKpis = async (queue: string) => {
    const kpis = await supervisor.request('GET', '/api/plugins/contact-center/kpis');
    return kpis.body.queues.find((q: { queue: string }) => q.queue === queue);
  };

  it('flags a resident message left unanswered, once per stretch, and a conversation open too long', async () => {
    const operator = await operatorFor(host, supervisor, { code: 'timers', skill: 'timers', category: 'timers' });
    const saved = await act(supervisor, 'configureQueue', {
      code: 'timers',
      label: { ja: 'タイマー' },
      tier: 'operator',
      skill: 'timers',
      category: 'timers',
      waitTargetSeconds: 600,
      nextResponseTargetSeconds: 30,
      resolutionTargetSeconds: 60,
    });
    expect(saved.body).toMatchObject({ next_response_target_seconds: 30, resolution_target_seconds: 60 });
    await act(operator, 'setPresence', { presence: 'available' });
    const watcher = await host.realtime(supervisor);
    await watcher.join('contact-center.staff', 'supervisor');
    const hanako = await resident(host);
    const { body: started } = await act(hanako, 'start', { category: 'timers' });
    expect(started.status).toBe('assigned');
    const say = (client: TestHostClient, body: string) =>
      act(client, 'send', { conversationId: started.id, clientId: clientId(), body });
    await say(hanako, '転入の手続きを教えてください');
    await say(operator, '転入届は区役所で受け付けています。');
    await say(hanako, '土曜日も開いていますか');

    await nextSupervision(40_000);
    const breach = await watcher.waitForMessage(
      (m) => m.event === 'slaBreached' && (m.payload as { timer: string }).timer === 'nextResponse',
    );
    expect(breach.payload).toMatchObject({ conversationId: started.id, queue: 'timers', timer: 'nextResponse' });
    await nextSupervision();
    expect(await queueKpis('timers')).toMatchObject({ nextResponseBreaches: 1, resolutionBreaches: 0, slaBreaches: 0 });

    await say(operator, '土曜日は閉庁です。');
    await say(hanako, 'わかりました。日曜日は？');
    // The console's heartbeat: the operator is still there when the clock has moved on.
    await act(operator, 'setPresence', { presence: 'available' });
    await nextSupervision(35_000);
    const resolution = await watcher.waitForMessage(
      (m) => m.event === 'slaBreached' && (m.payload as { timer: string }).timer === 'resolution',
    );
    expect(resolution.payload).toMatchObject({ conversationId: started.id });
    expect(await queueKpis('timers')).toMatchObject({ nextResponseBreaches: 2, resolutionBreaches: 1 });
    const audit = await host.request('GET', `/api/audit?recordId=${started.id}&limit=100`, { as: 'admin' });
    const timers = audit.body.items
      .filter((item: { action: string }) => item.action === 'contact-center.slaBreached')
      .map((item: { detail: { timer: string } }) => item.detail.timer)
      .sort();
    expect(timers).toEqual(['nextResponse', 'nextResponse', 'resolution']);
    watcher.close();
  });

  it('alerts supervisors once when abandonments spike, and not below the thresholds', async () => {
    const refused = await act(supervisor, 'configureAlerts', {
      abandonmentWindowMinutes: 60,
      abandonmentMinCount: 2,
      abandonmentMinRate: 1.5,
    });
    expect(refused.status).toBe(422);
    await act(supervisor, 'configureAlerts', {
      abandonmentWindowMinutes: 60,
      abandonmentMinCount: 3,
      abandonmentMinRate: 0.5,
    });
    await act(supervisor, 'configureQueue', {
      code: 'empty',
      label: { ja: '空き' },
      tier: 'operator',
      skill: 'nobody',
      category: 'empty',
    });
    const watcher = await host.realtime(supervisor);
    await watcher.join('contact-center.staff', 'supervisor');
    const leave = async () => {
      const client = await resident(host);
      const { body } = await act(client, 'start', { category: 'empty' });
      expect((await act(client, 'close', { conversationId: body.id })).body.status).toBe('abandoned');
    };
    await leave();
    await leave();
    await nextSupervision();
    const spikes = async () => {
      const trail = await host.request('GET', '/api/audit?limit=1000', { as: 'admin' });
      return trail.body.items.filter((item: { action: string }) => item.action === 'contact-center.abandonmentSpike');
    };
    expect(await spikes()).toHaveLength(0);
    await leave();
    await nextSupervision();
    const alert = await watcher.waitForMessage((m) => m.event === 'alert');
    expect(alert.payload).toMatchObject({ kind: 'abandonmentSpike', abandoned: 3, windowMinutes: 60 });
    await leave();
    await nextSupervision();
    expect(await spikes()).toHaveLength(1);
    watcher.close();
  });
});
