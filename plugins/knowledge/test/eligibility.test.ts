import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseKinds, eventually, startHost, TEST_APP, type TestHost } from './support.ts';

const SYSTEM = { kind: 'system' } as const;
type Client = Awaited<ReturnType<TestHost['signInAs']>>;

const principalId = (client: Client) => (client.actor.kind === 'principal' ? client.actor.id : null);
const published = { classification: 'public', status: 'published' } as const;

describe.each(databaseKinds())('benefit conditions on %s', (kind) => {
  let host: TestHost;
  let parent: Client;
  let senior: Client;
  let ids: Record<string, string>;

  beforeAll(async () => {
    host = await startHost(kind, { packages: [TEST_APP] });
    parent = await host.signInAs('resident', 'hanako', []);
    senior = await host.signInAs('resident', 'ichiro', []);
    const system = host.data(SYSTEM);
    await system.create('Household', {
      ward: '北区',
      childCount: 2,
      headBirthDate: '1988-04-01',
      owner: principalId(parent),
    });
    await system.create('Household', {
      ward: '中央区',
      childCount: 0,
      headBirthDate: '1950-06-01',
      owner: principalId(senior),
    });
    const data = host.data(SYSTEM, 'knowledge');
    const benefit = async (name: string, fields: Record<string, unknown>) =>
      String((await data.create('Benefit', { name, ...published, ...fields })).id);
    const children = { entity: 'Household', condition: { fact: 'childCount', op: 'gte', value: 1 } };
    ids = {
      childAllowance: await benefit('児童手当', {
        summary: '中学生までの子どもを育てている世帯に手当を支給します。',
        conditions: children,
      }),
      seniorPass: await benefit('敬老優待乗車証', {
        summary: '70歳以上の方に市バス・地下鉄の優待乗車証を交付します。',
        conditions: {
          kind: 'rule',
          name: 'senior-pass',
          label: { ja: '70歳以上', en: 'Aged 70 or over' },
          entity: 'Household',
          condition: { fact: 'age', of: 'headBirthDate', op: 'gte', value: 70 },
        },
      }),
      open: await benefit('子育て相談', { summary: '子育ての悩みを相談できます。' }),
      expired: await benefit('旧子育て給付金', {
        summary: '子どもを育てている世帯への給付金（終了）。',
        conditions: children,
        validUntil: '2020-03-31',
      }),
      draft: await benefit('子育て応援券', {
        summary: '子どもを育てている世帯に応援券。',
        conditions: children,
        status: 'draft',
      }),
      broken: await benefit('子育て世帯の住宅補助', {
        summary: '子どもを育てている世帯の家賃を補助します。',
        conditions: { entity: 'Household', condition: { fact: 'noSuchField', op: 'eq', value: 1 } },
      }),
    };
    await host.settled();
  });
  afterAll(async () => {
    await host?.close();
  });

  const call = (client: Client, action: string, body: Record<string, unknown>) =>
    client.request('POST', `/api/actions/knowledge.${action}`, { body });

  const myBenefits = async (client: Client) => {
    const response = await call(client, 'myBenefits', { today: '2026-12-07' });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    return response.body as { consented: boolean; benefits: Array<{ recordId: string; name: string }> };
  };

  it('checks nothing until the resident consents', async () => {
    expect(await myBenefits(parent)).toEqual({ consented: false, benefits: [] });
    const search = await call(parent, 'search', { query: '子どもを育てている世帯の手当', kinds: ['benefit'] });
    const results = (search.body as { results: Array<{ eligible?: boolean }> }).results;
    expect(results.length).toBeGreaterThan(0);
    expect(results.every((result) => result.eligible === undefined)).toBe(true);
  });

  it("lists the published benefits in force whose rule the resident's household meets", async () => {
    const consent = await call(parent, 'setEligibilityConsent', { consent: true });
    expect(consent.status).toBe(200);
    expect(consent.body).toMatchObject({ eligibilityConsent: true });
    const forParent = await myBenefits(parent);
    expect(forParent.consented).toBe(true);
    expect(forParent.benefits.map((benefit) => benefit.recordId)).toEqual([ids.childAllowance]);

    await call(senior, 'setEligibilityConsent', { consent: true });
    const forSenior = await myBenefits(senior);
    expect(forSenior.benefits.map((benefit) => benefit.name)).toEqual(['敬老優待乗車証']);
  });

  it('marks and raises eligible benefits in the search, and can list only them', async () => {
    const query = '子どもを育てている世帯';
    const all = await eventually(async () => {
      const response = await call(parent, 'search', { query, kinds: ['benefit'], today: '2026-12-07' });
      const body = response.body as { results: Array<{ recordId: string; score: number; eligible?: boolean }> };
      expect(body.results.map((result) => result.recordId)).toContain(ids.broken);
      return body.results;
    });
    const allowance = all.find((result) => result.recordId === ids.childAllowance);
    expect(allowance?.eligible).toBe(true);
    // The same passage for a consenting resident whose household does not meet the rule: not raised.
    const forSenior = await call(senior, 'search', { query, kinds: ['benefit'], today: '2026-12-07' });
    const unraised = (
      forSenior.body as { results: Array<{ recordId: string; score: number; eligible?: boolean }> }
    ).results.find((result) => result.recordId === ids.childAllowance);
    expect(unraised?.eligible).toBe(false);
    expect(allowance?.score).toBeCloseTo((unraised?.score ?? 0) * 1.25, 2);
    expect(all.find((result) => result.recordId === ids.broken)?.eligible).toBe(false);
    expect(all.map((result) => result.recordId)).not.toContain(ids.draft);

    const only = await call(parent, 'search', { query, kinds: ['benefit'], eligibleOnly: true, today: '2026-12-07' });
    const onlyIds = (only.body as { results: Array<{ recordId: string }> }).results.map((result) => result.recordId);
    expect(onlyIds).toEqual([ids.childAllowance]);
  });

  it('stops checking when the consent is withdrawn, and is for residents only', async () => {
    await call(parent, 'setEligibilityConsent', { consent: false });
    expect(await myBenefits(parent)).toEqual({ consented: false, benefits: [] });
    const only = await call(parent, 'search', {
      query: '子どもを育てている世帯',
      kinds: ['benefit'],
      eligibleOnly: true,
    });
    expect((only.body as { results: unknown[] }).results).toEqual([]);

    const staff = await host.signInAs('staff', 'suzuki', []);
    const refused = await call(staff, 'myBenefits', {});
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'knowledge.residentsOnly' });
    const bad = await call(parent, 'setEligibilityConsent', { consent: 'yes' });
    expect(bad.status).toBe(422);
  });

  it('remembers the garbage area a resident picks, and refuses an unknown one', async () => {
    const data = host.data(SYSTEM, 'knowledge');
    await data.create('SortingItem', { city: '京丹後市', name: '乾電池', category: '有害ごみ' });
    await data.create('CollectionArea', {
      city: '京丹後市',
      name: '峰山町１区',
      days: { 有害ごみ: [{ weekday: 3 }] },
      closures: [],
    });
    await host.settled();
    const unknown = await call(parent, 'rememberArea', { city: '京丹後市', area: '存在しない地区' });
    expect(unknown.status).toBe(422);
    expect((await call(parent, 'myPreferences', {})).body).toMatchObject({ area: null });

    const remembered = await call(parent, 'rememberArea', { city: '京丹後市', area: '峰山町１区' });
    expect(remembered.body).toMatchObject({ city: '京丹後市', area: '峰山町１区' });
    const answer = await eventually(async () => {
      const response = await call(parent, 'search', { query: '乾電池の捨て方', today: '2026-12-07' });
      const body = response.body as { sorting: { nextCollection?: { area: string; date: string } | null } | null };
      expect(body.sorting?.nextCollection).toBeTruthy();
      return body.sorting;
    });
    expect(answer?.nextCollection).toEqual({ area: '峰山町１区', date: '2026-12-09' });
    expect((await call(senior, 'myPreferences', {})).body).toMatchObject({ area: null });
  });
});
