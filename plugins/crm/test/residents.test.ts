import type { TestHost, TestHostClient } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { matchKey } from '../src/residents/match-key.ts';
import { createProfile, databaseKinds, SYSTEM, signIn, signInStaffOf, startCrm } from './support.ts';

describe('matchKey', () => {
  it('agrees across full-width digits, hiragana, spaces and address notations', () => {
    const a = matchKey({
      fullNameKana: 'サッポロ ハナコ',
      birthDate: '1980-04-01',
      address: '札幌市中央区北1条西2丁目3番4号',
    });
    const b = matchKey({
      fullNameKana: 'さっぽろはなこ',
      birthDate: '1980-04-01',
      address: '札幌市中央区北１条西２－３－４',
    });
    expect(a).toBeDefined();
    expect(a).toBe(b);
    expect(
      matchKey({ fullNameKana: 'サッポロハナコ', birthDate: '1980-04-02', address: '札幌市中央区北1条西2-3-4' }),
    ).not.toBe(a);
    expect(matchKey({ fullNameKana: 'サッポロハナコ', address: '札幌市中央区北1条西2-3-4' })).toBeUndefined();
  });
});

describe.each(databaseKinds())('resident 360 on %s', (kind) => {
  let host: TestHost;
  let clerk: TestHostClient;
  let stranger: TestHostClient;
  let manager: TestHostClient;
  let resident: string;

  beforeAll(async () => {
    ({ host } = await startCrm(kind));
    clerk = await signInStaffOf(host, '環境局', ['crm-staff']);
    stranger = await signInStaffOf(host, '子ども未来局', ['crm-staff']);
    manager = await signInStaffOf(host, '市民の声を聞く課', ['crm-manager']);
    const person = await signIn(host, 'resident', ['crm-resident']);
    resident = person.actor.kind === 'principal' ? person.actor.id : '';
    await createProfile(host.data(SYSTEM), resident);
  });
  afterAll(async () => host?.close());

  async function auditOf(action: string): Promise<Array<{ action: string; detail: Record<string, unknown> }>> {
    const trail = await host.request('GET', '/api/audit?entity=ResidentProfile&limit=1000', { as: 'admin' });
    expect(trail.status).toBe(200);
    return (trail.body.items as Array<{ action: string; detail: Record<string, unknown> }>).filter(
      (item) => item.action === action,
    );
  }

  async function openCase(client: TestHostClient, department: string, subject: string) {
    const answer = await client.request('POST', '/api/actions/crm.openCase', {
      body: { channel: 'counter', category: 'other', subject, department, resident },
    });
    expect(answer.status).toBe(200);
    return answer.body;
  }

  it('shows the timeline the caller may read, and audits every open with its reason', async () => {
    await openCase(clerk, '環境局', '資源ごみの分別');
    await openCase(stranger, '子ども未来局', '児童手当の相談');
    await host
      .context()
      .events.publish('reminder.sent', { resident, timeline: { title: '健診のお知らせを送付', kind: 'notice' } });
    await host.settled();

    const refused = await clerk.request('GET', `/api/plugins/crm/residents/${resident}`);
    expect(refused.status).toBe(400);
    expect(refused.body.code).toBe('crm.resident360.reasonRequired');

    const view = await clerk.request('GET', `/api/plugins/crm/residents/${resident}?reason=phone`);
    expect(view.status).toBe(200);
    expect(view.body.profile.fullName).toBe('札幌 花子');
    expect(view.body.timeline.map((entry: { title: string }) => entry.title).sort()).toEqual([
      '健診のお知らせを送付',
      '資源ごみの分別',
    ]);
    const managerView = await manager.request('GET', `/api/plugins/crm/residents/${resident}?reason=counter`);
    expect(managerView.body.timeline).toHaveLength(3);

    const opens = (await auditOf('crm.resident360.opened')).map((item) => item.detail.reason);
    expect(opens.sort()).toEqual(['counter', 'phone']);
    const resident360 = await signIn(host, 'resident', ['crm-resident']);
    expect((await resident360.request('GET', `/api/plugins/crm/residents/${resident}?reason=phone`)).status).toBe(403);
  });

  it('finds the residents matching a caller number however it is written, under the caller policies', async () => {
    await host.settled();
    for (const number of ['０１１－２１１－２１１１', '0112112111', '011-211-2111']) {
      const found = await clerk.request(
        'GET',
        `/api/plugins/crm/residents/by-phone?number=${encodeURIComponent(number)}`,
      );
      expect(found.status).toBe(200);
      expect(found.body.items.map((item: { principal: string }) => item.principal)).toContain(resident);
    }
    const none = await clerk.request('GET', '/api/plugins/crm/residents/by-phone?number=09000000000');
    expect(none.body.items).toEqual([]);
    const person = await signIn(host, 'resident', ['crm-resident']);
    const forbidden = await person.request('GET', '/api/plugins/crm/residents/by-phone?number=0112112111');
    expect(forbidden.body.items ?? []).not.toContainEqual(expect.objectContaining({ principal: resident }));
  });

  it('proposes duplicates, merges them with undo, and lets one of two concurrent merges win', async () => {
    const twins: string[] = [];
    for (const address of ['札幌市北区北7条西5丁目1番', '札幌市北区北７条西５－１']) {
      const person = await signIn(host, 'resident', ['crm-resident']);
      const id = person.actor.kind === 'principal' ? person.actor.id : '';
      twins.push(id);
      await createProfile(host.data(SYSTEM), id, { fullNameKana: 'キタ タロウ', birthDate: '1975-07-07', address });
    }
    await host.settled();
    const proposals = await manager.request('GET', '/api/plugins/crm/residents/duplicates');
    expect(proposals.body.groups).toEqual([[...twins].sort()]);
    expect((await clerk.request('GET', '/api/plugins/crm/residents/duplicates')).status).toBe(403);

    const [keep, merge] = twins as [string, string];
    await host.data(SYSTEM).create('Case', {
      subject: '転居の相談',
      channel: 'phone',
      category: 'residency',
      department: '区役所',
      resident: merge,
      owner: merge,
    });
    await host
      .context()
      .events.publish('reminder.sent', { resident: merge, timeline: { title: '通知', kind: 'notice' } });
    await host.settled();

    const [first, second] = await Promise.all([
      manager.request('POST', '/api/actions/crm.mergeResidents', { body: { keep, merge } }),
      manager.request('POST', '/api/actions/crm.mergeResidents', { body: { keep, merge } }),
    ]);
    expect([first.status, second.status].sort()).toEqual([200, 409]);
    const won = first.status === 200 ? first.body : second.body;
    const lost = first.status === 200 ? second.body : first.body;
    expect(lost.code).toBe('crm.merge.conflict');
    await host.settled();

    const keptView = await manager.request('GET', `/api/plugins/crm/residents/${keep}?reason=application`);
    expect(keptView.body.timeline.map((entry: { title: string }) => entry.title).sort()).toEqual([
      '転居の相談',
      '通知',
    ]);
    expect((await manager.request('GET', '/api/plugins/crm/residents/duplicates')).body.groups).toEqual([]);
    expect(await auditOf('crm.residents.merged')).toHaveLength(1);

    const undo = await manager.request('POST', '/api/actions/crm.undoMerge', {
      body: { mergeId: (won.result ?? won).mergeId },
    });
    expect(undo.status).toBe(200);
    await host.settled();
    const restored = await manager.request('GET', `/api/plugins/crm/residents/${merge}?reason=application`);
    expect(restored.body.timeline.map((entry: { title: string }) => entry.title).sort()).toEqual([
      '転居の相談',
      '通知',
    ]);
    expect(restored.body.profile.mergedInto).toBeNull();
    const again = await manager.request('POST', '/api/actions/crm.undoMerge', {
      body: { mergeId: (won.result ?? won).mergeId },
    });
    expect(again.status).toBe(409);
  });
});
