import { createTestHost, type TestHost, type TestHostClient } from '@kiban/sdk/testing';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import citizenCard from '../src/index.ts';
import { presentCard } from '../src/shared/present.ts';
import { type Holder, kinds, residentSession, SETTINGS } from './support.ts';

/** Shelter check-in with the card, evacuation status, and one relief pickup per household. */
describe.each(kinds)('shelters and relief supplies on %s', (kind) => {
  let host: TestHost;
  let registrar: TestHostClient;
  let desk: TestHostClient;
  let headquarters: TestHostClient;
  let mother: Holder;
  let son: Holder;
  let neighbour: Holder;
  let shelterId: string;

  const register = async (holder: Holder, name: string, householdId: string, birthDate = '1980-05-05') => {
    const recorded = await registrar.request('POST', '/api/actions/citizen-card.recordResident', {
      body: { principalId: holder.id, name, birthDate, ward: '東灘', householdId, status: 'resident' },
    });
    expect(recorded.status).toBe(200);
    const issued = await holder.request('POST', '/api/actions/citizen-card.issue', { holderKey: holder.publicJwk });
    expect(issued.status).toBe(200);
  };
  const present = async (holder: Holder, at = new Date()) => {
    const { credential } = (await holder.request('GET', '/api/plugins/citizen-card/credential')).body;
    return presentCard({ credential, holderKey: holder.holderKey, profileId: 'shelter', now: at });
  };
  const distribution = async (per: 'household' | 'person') => {
    const created = await headquarters.request('POST', '/api/actions/citizen-card.createDistribution', {
      body: { name: '食料', items: ['アルファ米'], per },
    });
    expect(created.status).toBe(200);
    return created.body.id as string;
  };
  /** A card scanned now by a site that is offline. */
  const offline = async (holder: Holder, distributionId: string, clientId: string) => {
    const at = new Date();
    return { clientId, distributionId, presentation: await present(holder, at), scannedAt: at.toISOString() };
  };
  /** The site syncs three hours later, long past a presentation's two minutes. */
  const syncLater = async (site: string, pickups: unknown[]) => {
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 3 * 3600_000 });
    try {
      return await desk.request('POST', '/api/actions/citizen-card.syncPickups', { body: { site, pickups } });
    } finally {
      vi.useRealTimers();
    }
  };

  beforeAll(async () => {
    host = await createTestHost({ plugins: [citizenCard], kind });
    expect((await host.setSettings('citizen-card', SETTINGS)).status).toBe(200);
    registrar = await host.signInAs('staff', 'registrar', ['citizen-card-registrar']);
    desk = await host.signInAs('staff', 'shelter-desk', ['citizen-card-facility']);
    headquarters = await host.signInAs('staff', 'hq', ['citizen-card-shelter-search']);
    mother = await residentSession(host, 'mother', 'jpki');
    son = await residentSession(host, 'son', 'jpki');
    neighbour = await residentSession(host, 'neighbour', 'jpki');
    await register(mother, '避難 花子', 'household-1');
    await register(son, '避難 一郎', 'household-1', '2010-01-01');
    await register(neighbour, '隣人 次郎', 'household-2');
  });
  afterAll(async () => {
    await host?.close();
  });

  it('lists the shelters of the city open data the plugin ships', async () => {
    const listed = await mother.request('GET', '/api/plugins/citizen-card/shelters?ward=東灘');
    expect(listed.status).toBe(200);
    const names = listed.body.shelters.map((s: { name: string }) => s.name);
    expect(names).toContain('東灘小学校');
    shelterId = listed.body.shelters.find((s: { name: string }) => s.name === '東灘小学校').id;
  });

  it('checks a card holder in, shows the household at the shelter and the occupancy to staff', async () => {
    const checkedIn = await desk.request('POST', '/api/actions/citizen-card.shelterCheckIn', {
      body: { presentation: await present(son), shelterId },
    });
    expect(checkedIn.status).toBe(200);
    expect(checkedIn.body.claims.name).toBe('避難 一郎');
    const family = await mother.request('GET', '/api/plugins/citizen-card/household/evacuation');
    expect(family.body.evacuation).toMatchObject({ status: 'atShelter', shelter: '東灘小学校' });
    const neighbours = await neighbour.request('GET', '/api/plugins/citizen-card/household/evacuation');
    expect(neighbours.body.evacuation).toBeNull();
    const occupancy = await desk.request('GET', '/api/plugins/citizen-card/shelters/occupancy');
    expect(occupancy.body.shelters).toEqual([expect.objectContaining({ id: shelterId, occupancy: 1 })]);
    expect((await desk.request('GET', '/api/plugins/citizen-card/shelters/evacuees?name=一郎')).status).toBe(403);
    const found = await headquarters.request('GET', '/api/plugins/citizen-card/shelters/evacuees?name=一郎');
    expect(found.body.evacuees).toEqual([expect.objectContaining({ name: '避難 一郎', shelter: '東灘小学校' })]);
    const out = await desk.request('POST', '/api/actions/citizen-card.shelterCheckOut', {
      body: { stayId: checkedIn.body.stayId },
    });
    expect(out.status).toBe(200);
    const after = await desk.request('GET', '/api/plugins/citizen-card/shelters/occupancy');
    expect(after.body.shelters).toEqual([]);
  });

  it('lets a resident set the household status, refusing an unknown shelter and changing nothing', async () => {
    const bad = await mother.request('POST', '/api/actions/citizen-card.setEvacuationStatus', {
      status: 'atShelter',
      shelterId: 'nowhere',
    });
    expect(bad.status).toBe(404);
    const family = await son.request('GET', '/api/plugins/citizen-card/household/evacuation');
    expect(family.body.evacuation.status).toBe('atShelter');
    const safe = await mother.request('POST', '/api/actions/citizen-card.setEvacuationStatus', {
      status: 'safeAtHome',
    });
    expect(safe.status).toBe(200);
    expect((await son.request('GET', '/api/plugins/citizen-card/household/evacuation')).body.evacuation.status).toBe(
      'safeAtHome',
    );
  });

  it('hands out one pickup per household among 50 concurrent attempts at two sites', async () => {
    const created = await headquarters.request('POST', '/api/actions/citizen-card.createDistribution', {
      body: { name: '飲料水', items: ['水 2L × 6'], per: 'household' },
    });
    expect(created.status).toBe(200);
    const distributionId = created.body.id;
    const presentations = await Promise.all(Array.from({ length: 50 }, (_, i) => present(i % 2 === 0 ? mother : son)));
    const attempts = await Promise.all(
      presentations.map((presentation, i) =>
        desk.request('POST', '/api/actions/citizen-card.pickUp', {
          body: { distributionId, presentation, site: i % 2 === 0 ? 'site-a' : 'site-b' },
        }),
      ),
    );
    const statuses = attempts.map((attempt) => attempt.status);
    expect(statuses.filter((status) => status === 200)).toHaveLength(1);
    expect(statuses.filter((status) => status === 409)).toHaveLength(49);
    expect(attempts.find((a) => a.status === 409)?.body.code).toBe('citizenCard.alreadyPickedUp');
    const other = await desk.request('POST', '/api/actions/citizen-card.pickUp', {
      body: { distributionId, presentation: await present(neighbour), site: 'site-a' },
    });
    expect(other.status).toBe(200);
  });

  it('refuses a replayed presentation at a second site', async () => {
    const created = await headquarters.request('POST', '/api/actions/citizen-card.createDistribution', {
      body: { name: '毛布', items: ['毛布'], per: 'person' },
    });
    const presentation = await present(neighbour);
    const body = { distributionId: created.body.id, presentation, site: 'site-a' };
    expect((await desk.request('POST', '/api/actions/citizen-card.pickUp', { body })).status).toBe(200);
    const replay = await desk.request('POST', '/api/actions/citizen-card.pickUp', {
      body: { ...body, site: 'site-b' },
    });
    expect(replay.status).toBe(422);
    expect(replay.body.errors[0].code).toBe('citizenCard.replayed');
  });

  it("syncs an offline site's pickups, lists a second one for a household as a conflict, and a re-sent batch changes nothing", async () => {
    const distributionId = await distribution('household');
    const online = await desk.request('POST', '/api/actions/citizen-card.pickUp', {
      body: { distributionId, presentation: await present(mother), site: 'site-a' },
    });
    expect(online.status).toBe(200);
    const sonsCard = await offline(son, distributionId, 'c-1');
    const neighboursCard = await offline(neighbour, distributionId, 'c-2');
    const [jwt, ...rest] = (await present(neighbour)).split('~');
    const altered = { ...neighboursCard, clientId: 'c-3', presentation: [`${jwt}x`, ...rest].join('~') };
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 3600_000).toISOString();
    const lastWeek = { ...(await offline(son, distributionId, 'c-4')), scannedAt: eightDaysAgo };
    const batch = [sonsCard, neighboursCard, altered, lastWeek];

    const synced = await syncLater('site-c', batch);
    expect(synced.status).toBe(200);
    expect(synced.body.results).toMatchObject([
      { clientId: 'c-1', outcome: 'conflict', reason: 'alreadyPickedUp', firstPickup: { site: 'site-a' } },
      { clientId: 'c-2', outcome: 'recorded' },
      { clientId: 'c-3', outcome: 'conflict', reason: 'refused', refusal: 'badSignature' },
      { clientId: 'c-4', outcome: 'conflict', reason: 'refused', refusal: 'syncTooLate' },
    ]);
    const again = await syncLater('site-c', batch);
    expect(again.body.results.map((result: { outcome: string }) => result.outcome)).toEqual(
      Array(4).fill('alreadySynced'),
    );

    const conflicts = await headquarters.request('POST', '/api/actions/citizen-card.pickupConflicts', {
      body: { distributionId },
    });
    expect(conflicts.status).toBe(200);
    expect(conflicts.body.items.map((item: { clientId: string }) => item.clientId).sort()).toEqual([
      'c-1',
      'c-3',
      'c-4',
    ]);
    expect(conflicts.body.items.find((item: { clientId: string }) => item.clientId === 'c-1')).toMatchObject({
      principalId: son.id,
      firstPickup: { site: 'site-a' },
    });
    const conflictId = synced.body.results[0].conflictId;
    const settle = (settlement: string) =>
      headquarters.request('POST', '/api/actions/citizen-card.settlePickupConflict', {
        body: { conflictId, settlement },
      });
    expect((await settle('duplicateRecovered')).status).toBe(200);
    expect((await settle('noAction')).body.code).toBe('citizenCard.noOpenConflict');
    const open = await headquarters.request('POST', '/api/actions/citizen-card.pickupConflicts', {
      body: { distributionId },
    });
    expect(open.body.items).toHaveLength(2);
    const audit = await host.request('GET', '/api/audit?limit=200', { as: 'admin' });
    const reads = audit.body.items.filter(
      (entry: { action: string }) => entry.action === 'citizen-card.relief.conflictsRead',
    );
    expect(reads.length).toBeGreaterThanOrEqual(2);
    expect(
      (await desk.request('POST', '/api/actions/citizen-card.pickupConflicts', { body: { distributionId } })).status,
    ).toBe(403);
  });

  it('refuses a batch naming an unknown distribution before recording any of it', async () => {
    const distributionId = await distribution('person');
    const good = await offline(neighbour, distributionId, 'u-1');
    const unknown = {
      ...(await offline(son, distributionId, 'u-2')),
      distributionId: crypto.randomUUID(),
    };
    const refused = await syncLater('site-d', [good, unknown]);
    expect(refused.status).toBe(404);
    expect(refused.body.code).toBe('citizenCard.unknownDistribution');
    const later = await syncLater('site-d', [good]);
    expect(later.body.results).toMatchObject([{ clientId: 'u-1', outcome: 'recorded' }]);
  });

  it('records a batch once when the site sends it twice at the same moment', async () => {
    const distributionId = await distribution('person');
    const batch = [await offline(mother, distributionId, 'p-1')];
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 3 * 3600_000 });
    const send = () =>
      desk.request('POST', '/api/actions/citizen-card.syncPickups', { body: { site: 'site-e', pickups: batch } });
    const [first, second] = await Promise.all([send(), send()]).finally(() => vi.useRealTimers());
    const outcomes = [first.body.results[0].outcome, second.body.results[0].outcome].sort();
    expect(outcomes).toEqual(['alreadySynced', 'recorded']);
  });

  it("never tells a protected resident's shelter to the household, nor finds them but for DV support staff", async () => {
    const spouse = await residentSession(host, 'spouse', 'jpki');
    await register(spouse, '保護 三子', 'household-2');
    const protect = (dvProtected?: boolean) =>
      registrar.request('POST', '/api/actions/citizen-card.recordResident', {
        body: {
          principalId: spouse.id,
          name: '保護 三子',
          birthDate: '1980-05-05',
          ward: '東灘',
          householdId: 'household-2',
          status: 'resident',
          ...(dvProtected === undefined ? {} : { dvProtected }),
        },
      });
    expect((await protect(true)).status).toBe(200);
    const before = (await neighbour.request('GET', '/api/plugins/citizen-card/household/evacuation')).body;
    const checkedIn = await desk.request('POST', '/api/actions/citizen-card.shelterCheckIn', {
      body: { presentation: await present(spouse), shelterId },
    });
    expect(checkedIn.status).toBe(200);
    const household = await neighbour.request('GET', '/api/plugins/citizen-card/household/evacuation');
    expect(household.body).toEqual(before);
    const search = (client: TestHostClient) =>
      client.request('GET', `/api/plugins/citizen-card/shelters/evacuees?name=${encodeURIComponent('三子')}`);
    expect((await search(headquarters)).body.evacuees).toEqual([]);
    const support = await host.signInAs('staff', 'dv-support', [
      'citizen-card-shelter-search',
      'citizen-card-dv-support',
    ]);
    expect((await search(support)).body.evacuees).toEqual([expect.objectContaining({ shelter: '東灘小学校' })]);
    // A register feed that does not know of the measure leaves it in place.
    expect((await protect()).status).toBe(200);
    expect((await search(headquarters)).body.evacuees).toEqual([]);
    expect((await protect(false)).status).toBe(200);
    expect((await search(headquarters)).body.evacuees).toHaveLength(1);
    await desk.request('POST', '/api/actions/citizen-card.shelterCheckOut', {
      body: { stayId: checkedIn.body.stayId },
    });
  });
});
