import type { DataApi } from '@kiban/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { consentToReuse, databaseKinds, residentWithProfile, SYSTEM, startHost, type TestHost } from './support.ts';

describe.each(databaseKinds())('my benefits and the consent to reuse the profile on %s', (kind) => {
  let host: TestHost;
  let data: DataApi;

  beforeAll(async () => {
    host = await startHost(kind);
    data = host.data(SYSTEM);
    await data.create('CatalogueBenefit', {
      title: '北区子育て支援',
      category: 'child',
      eligibilityEntity: 'ResidentProfile',
      eligibility: { fact: 'ward', op: 'eq', value: '北区' },
    });
    await data.create('CatalogueBenefit', {
      title: '南区子育て支援',
      category: 'child',
      eligibilityEntity: 'ResidentProfile',
      eligibility: { fact: 'ward', op: 'eq', value: '南区' },
    });
    await data.create('CommunityEvent', { title: '市民まつり', category: 'event' });
  });
  afterAll(() => host?.close());

  it('decides no rule against the profile without consent, and says how many wait for it', async () => {
    const { client } = await residentWithProfile(host, { name: '同意 なし', ward: '北区' }, { consent: false });
    const read = async () => (await client.request('GET', '/api/plugins/notifications/my-benefits')).body;

    const without = await read();
    expect(without.items.map((item: { title: string }) => item.title)).toEqual(['市民まつり']);
    expect(without).toMatchObject({ profileConsent: false, awaitingConsent: 2 });

    await consentToReuse(client);
    const consented = await read();
    expect(consented.items.map((item: { title: string }) => item.title).sort()).toEqual(
      ['北区子育て支援', '市民まつり'].sort(),
    );
    expect(consented).toMatchObject({ profileConsent: true, awaitingConsent: 0 });

    // Withdrawn: back to the items for everyone.
    await consentToReuse(client, false);
    expect((await read()).items.map((item: { title: string }) => item.title)).toEqual(['市民まつり']);
  });
});
